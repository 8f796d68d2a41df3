(defmodule m
  (export (double 1) (fact 1) (classify 1) (sum 1) (safe-div 2) (area 1)))

(defun double (x) (* 2 x))

(defun fact
  ((0) 1)
  ((n) (when (> n 0)) (* n (fact (- n 1)))))

(defun classify
  ((x) (when (is_integer x)) 'integer)
  ((x) (when (is_atom x)) 'atom)
  ((_) 'other))

(defun sum (xs) (lists:foldl #'+/2 0 xs))

(defun safe-div (a b)
  (try (/ a b)
    (catch ((tuple 'error 'badarith _) 'infinity))))

(defun area
  (((tuple 'square s)) (* s s))
  (((tuple 'rect w h)) (* w h)))
