;; mailbox: selective receive past a queue of unmatched messages.
;; A worker queues 10,000 messages no clause matches, then K = 1,000 times sends itself
;; (tuple 'want i) and receives exactly that, so every receive scans the whole queue.
;; Prints  mailbox: <us> us/receive ...   (main JUNK K) for other sizes.
(defmodule mailbox
  (export (main 0) (main 2) (worker 3)))

(defun main () (main 10000 1000))

(defun main (junk k)
  (spawn 'mailbox 'worker (list (self) junk k))
  (receive
    ((tuple 'result us)
     (io:format "mailbox: ~.3f us/receive (~p receives past ~p queued messages, ~.3f ms)~n"
                (list (/ us k) k junk (/ us 1000.0))))))

(defun worker (parent junk k)
  (let ((me (self)))
    (lists:foreach (lambda (i) (! me (tuple 'junk i))) (lists:seq 1 junk))
    (let ((t0 (erlang:monotonic_time 'microsecond)))
      (wanted me k)
      (let ((t1 (erlang:monotonic_time 'microsecond)))
        (! parent (tuple 'result (- t1 t0)))))))

(defun wanted
  ((_ 0) 'ok)
  ((me i)
   (! me (tuple 'want i))
   (receive
     ((tuple 'want j) (when (== i j)) (wanted me (- i 1))))))
