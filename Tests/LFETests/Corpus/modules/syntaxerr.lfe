(defmodule syntaxerr
  (export (f 0)))

(defun f ()
  (+ 1 2)
