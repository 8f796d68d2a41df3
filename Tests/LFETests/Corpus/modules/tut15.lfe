(defmodule tut15
  (export (start 0) (ping 2) (pong 0)))

(defun ping
  ((0 pong-pid)
   (! pong-pid 'finished)
   (io:format "ping finished~n"))
  ((n pong-pid)
   (! pong-pid (tuple 'ping (self)))
   (receive
     ('pong (io:format "Ping received pong~n")))
   (ping (- n 1) pong-pid)))

(defun pong ()
  (receive
    ('finished
     (io:format "Pong finished~n"))
    ((tuple 'ping ping-pid)
     (io:format "Pong received ping~n")
     (! ping-pid 'pong)
     (pong))))

(defun start ()
  (let ((pong-pid (spawn 'tut15 'pong '())))
    (spawn 'tut15 'ping (list 3 pong-pid))))
