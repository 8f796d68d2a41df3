(defmodule echo
  (export (start 0) (loop 0) (ask 2)))

(defun start ()
  (register 'server (spawn 'echo 'loop ())))

(defun loop ()
  (receive
    ((tuple from msg)
     (! from (tuple (self) msg))
     (loop))
    ('stop 'ok)))

(defun ask (server msg)
  (! server (tuple (self) msg))
  (receive
    ((tuple _ reply) reply)))
