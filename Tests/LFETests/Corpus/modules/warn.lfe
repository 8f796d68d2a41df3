(defmodule warn
  (export (hello 0)))

(defun hello () 'hello)
(defun unused () 'never-called)
