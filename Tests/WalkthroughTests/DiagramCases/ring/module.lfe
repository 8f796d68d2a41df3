(defmodule ring
  (export (start 1) (node 1)))

(defun start (n)
  (let* ((first (self))
         (last (lists:foldl (lambda (_ next) (spawn 'ring 'node (list next)))
                            first (lists:seq 1 (- n 1)))))
    (! last 'token)
    (receive
      ('token 'done))))

(defun node (next)
  (receive
    (msg (! next msg))))
