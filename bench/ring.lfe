;; ring: N processes in a ring pass one token around M times (N*M hops).
;; (ring:main) is 1000 processes x 1000 laps; prints  ring: <us> us/hop ...
(defmodule ring
  (export (main 0) (main 2) (start-node 0)))

(defun main () (main 1000 1000))

(defun main (n m)
  (let* ((t0 (erlang:monotonic_time 'microsecond))
         (pids (lists:map (lambda (_) (spawn 'ring 'start-node ())) (lists:seq 1 n)))
         (_ok (connect pids (car pids)))
         (t1 (erlang:monotonic_time 'microsecond))
         (hops (* n m)))
    (! (car pids) (tuple 'token hops (self)))
    (receive ('done 'ok))
    (let ((t2 (erlang:monotonic_time 'microsecond)))
      (lists:foreach (lambda (p) (! p 'stop)) pids)
      (io:format "ring: ~.3f us/hop (~p processes x ~p laps = ~p hops in ~.3f ms; setup ~.3f ms)~n"
                 (list (/ (- t2 t1) hops) n m hops (/ (- t2 t1) 1000.0) (/ (- t1 t0) 1000.0))))))

;; tell each process its successor; the last one's successor is the first
(defun connect
  (((list last) first) (! last (tuple 'next first)) 'ok)
  (((cons p (cons q rest)) first)
   (! p (tuple 'next q))
   (connect (cons q rest) first)))

(defun start-node ()
  (receive
    ((tuple 'next next) (node-loop next))))

(defun node-loop (next)
  (receive
    ((tuple 'token 0 parent)
     (! parent 'done)
     (node-loop next))
    ((tuple 'token k parent)
     (! next (tuple 'token (- k 1) parent))
     (node-loop next))
    ('stop 'ok)))
