(defmodule tut18
  (export (start 1) (ping 2) (pong 0)))

(defun ping
  ((0 pong-node)
   (! (tuple 'pong pong-node) 'finished)
   (io:format "ping finished~n"))
  ((n pong-node)
   (! (tuple 'pong pong-node) (tuple 'ping (self)))
   (receive
     ('pong (io:format "Ping received pong~n")))
   (ping (- n 1) pong-node)))

(defun pong ()
  (receive
    ('finished
     (io:format "Pong finished~n"))
    ((tuple 'ping ping-pid)
     (io:format "Pong received ping~n")
     (! ping-pid 'pong)
     (pong))))

(defun start (ping-node)
  (register 'pong (spawn 'tut18 'pong '()))
  (spawn ping-node 'tut18 'ping (list 3 (node))))
