(defmodule unbound
  (export (f 1)))

(defun f (x) (+ x y))
