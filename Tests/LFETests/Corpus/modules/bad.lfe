(defmodule bad
  (export (start 0) (send-message 1)))

(defun start ()
  'ok)
