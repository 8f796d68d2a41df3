(defmodule caller
  (export (go 0) (go2 1) (bad-match 1) (no-clause 1) (bad-case 1) (bad-if 1) (add 2)))

(defun go () (nosuch:thing 1))
(defun go2 (x) (m:nosuch x))
(defun bad-match (x) (let (((tuple 'ok v) x)) v))
(defun no-clause
  ((1) 'one)
  ((2) 'two))
(defun bad-case (x)
  (case x
    ('a 1)
    ('b 2)))
(defun bad-if (x) (if (> x 10) 'big))
(defun add (a b) (+ a b))
