;; idle: memory per idle process waiting in receive.
;; Reads (erlang:memory 'processes) before and after spawning N = 100,000 processes
;; that wait in receive, and prints  idle: <bytes> bytes/process ...
;; (idle:main N) for other N. The processes are stopped afterwards.
(defmodule idle
  (export (main 0) (main 1) (wait 0)))

(defun main () (main 100000))

(defun main (n)
  (let* ((mem-before (erlang:memory 'processes))
         (pids (lists:map (lambda (_) (spawn 'idle 'wait ())) (lists:seq 1 n)))
         (_settle (timer:sleep 100))
         (mem-after (erlang:memory 'processes)))
    (lists:foreach (lambda (p) (! p 'stop)) pids)
    (io:format "idle: ~.3f bytes/process (~p processes, ~p bytes)~n"
               (list (/ (- mem-after mem-before) n) n (- mem-after mem-before)))))

(defun wait ()
  (receive
    ('stop 'ok)))
