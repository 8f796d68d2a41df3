;; fib: naive doubly recursive Fibonacci.
;; (fib:main) times (fib 25) 5 times and prints the best run:  fib: <ms> ms ...
;; (fib:main N) does the same for (fib N).
(defmodule fib
  (export (main 0) (main 1) (fib 1)))

(defun fib (n)
  (if (< n 2)
    n
    (+ (fib (- n 1)) (fib (- n 2)))))

(defun main () (main 25))

(defun main (n)
  (let ((best (lists:foldl
                (lambda (_ acc)
                  (let* ((t0 (erlang:monotonic_time 'microsecond))
                         (_r (fib n))
                         (t1 (erlang:monotonic_time 'microsecond)))
                    (min acc (- t1 t0))))
                100000000000
                (lists:seq 1 5))))
    (io:format "fib: ~.3f ms (fib ~p = ~p, best of 5)~n"
               (list (/ best 1000.0) n (fib n)))))
