(defmodule procs
  (export (echo 0) (printer 0) (counter 1) (crash 0) (wait-forever 0)
          (ring-reply 1) (slow-exit 1) (greeter 0)))

;; replies {echo, Msg} to {From, Msg}; stops on stop
(defun echo ()
  (receive
    ((tuple from msg)
     (! from (tuple 'echo msg))
     (echo))
    ('stop 'stopped)))

;; prints what it receives, then acknowledges
(defun printer ()
  (receive
    ((tuple from msg)
     (io:format "printer got ~p~n" (list msg))
     (! from 'printed)
     (printer))))

(defun counter (n)
  (receive
    ((tuple 'inc) (counter (+ n 1)))
    ((tuple 'get from) (! from (tuple 'count n)) (counter n))))

(defun crash ()
  (receive
    (x (error (tuple 'crashed x)))))

(defun wait-forever ()
  (receive
    ('never-sent 'ok)))

(defun ring-reply (parent)
  (! parent (tuple 'hello-from (self)))
  'done)

(defun slow-exit (reason)
  (receive
    ('go (exit reason))))

(defun greeter ()
  (receive
    ((tuple from name)
     (! from (lists:flatten (io_lib:format "Hello, ~s!" (list name))))
     (greeter))))
