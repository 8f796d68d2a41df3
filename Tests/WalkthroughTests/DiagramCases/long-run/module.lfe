(defmodule laps
  (export (start 2) (node 1)))

(defun start (n laps)
  (let* ((first (self))
         (last (lists:foldl (lambda (_ next) (spawn 'laps 'node (list next)))
                            first (lists:seq 1 (- n 1)))))
    (! last laps)
    (loop last)))

(defun loop (last)
  (receive
    (0 'done)
    (k (! last (- k 1)) (loop last))))

(defun node (next)
  (receive
    (k (! next k) (node next))))
