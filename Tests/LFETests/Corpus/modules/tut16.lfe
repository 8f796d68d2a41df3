(defmodule tut16
  (export (start 0) (ping 1) (pong 0)))

(defun ping
  ((0)
   (! 'pong 'finished)
   (io:format "ping finished~n"))
  ((n)
   (! 'pong (tuple 'ping (self)))
   (receive
     ('pong (io:format "Ping received pong~n")))
   (ping (- n 1))))

(defun pong ()
  (receive
    ('finished
     (io:format "Pong finished~n"))
    ((tuple 'ping ping-pid)
     (io:format "Pong received ping~n")
     (! ping-pid 'pong)
     (pong))))

(defun start ()
  (register 'pong (spawn 'tut16 'pong '()))
  (spawn 'tut16 'ping '(3)))
