;; spawn: spawn N processes that each wait for a message, message them all,
;; wait until all have answered.  (spawn:main) is N = 100,000; (spawn:main 1000000).
;; Prints  spawn: <us> us/process ...
(defmodule spawn
  (export (main 0) (main 1) (worker 0)))

(defun main () (main 100000))

(defun main (n)
  (let* ((t0 (erlang:monotonic_time 'microsecond))
         (pids (lists:map (lambda (_) (spawn 'spawn 'worker ())) (lists:seq 1 n)))
         (t1 (erlang:monotonic_time 'microsecond))
         (me (self)))
    (lists:foreach (lambda (p) (! p (tuple 'ping me))) pids)
    (collect n)
    (let ((t2 (erlang:monotonic_time 'microsecond)))
      (io:format "spawn: ~.3f us/process (~p processes; spawn ~.3f ms, message and collect ~.3f ms)~n"
                 (list (/ (- t2 t0) n) n (/ (- t1 t0) 1000.0) (/ (- t2 t1) 1000.0))))))

(defun worker ()
  (receive
    ((tuple 'ping from) (! from 'pong))))

(defun collect
  ((0) 'ok)
  ((k) (receive ('pong (collect (- k 1))))))
