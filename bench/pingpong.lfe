;; pingpong: two processes bounce a message back and forth N times (default 100,000).
;; Prints  pingpong: <us> us/round-trip ...
(defmodule pingpong
  (export (main 0) (main 1) (ponger 0)))

(defun main () (main 100000))

(defun main (n)
  (let* ((p (spawn 'pingpong 'ponger ()))
         (t0 (erlang:monotonic_time 'microsecond)))
    (ping p n)
    (let ((t1 (erlang:monotonic_time 'microsecond)))
      (! p 'stop)
      (io:format "pingpong: ~.3f us/round-trip (~p round trips in ~.3f ms)~n"
                 (list (/ (- t1 t0) n) n (/ (- t1 t0) 1000.0))))))

(defun ping
  ((_ 0) 'ok)
  ((p k)
   (! p (tuple 'ping (self) k))
   (receive
     ((tuple 'pong k2) (when (== k k2)) (ping p (- k 1))))))

(defun ponger ()
  (receive
    ((tuple 'ping from k) (! from (tuple 'pong k)) (ponger))
    ('stop 'ok)))
