(defmodule bignum
  (export (main 0) (main 1)))

;; Huge integers: print 2^bits, read its digits back, a product and a quotient of
;; numbers of half its width. (bignum:main) takes 2^10,000,000 (3,010,300 digits).

(defun main () (main 10000000))

(defun main (bits)
  (let* ((x (bsl 1 bits))
         (h (div bits 2))
         (a (- (bsl 1 h) 1))
         (b (- (bsl 1 (+ h 1)) 3))
         (d (+ (bsl 1 h) 1))
         ((tuple print-ms digits) (timed (lambda () (integer_to_list x))))
         ((tuple read-ms y) (timed (lambda () (list_to_integer digits))))
         ((tuple mul-ms p) (timed (lambda () (* a b))))
         ((tuple div-ms q) (timed (lambda () (div x d)))))
    (io:format "bignum: ~p ms (print 2^~p, ~p digits; read back ~p ms~s; product of two ~p-bit numbers ~p ms~s; 2^~p div 2^~p+1 ~p ms~s)~n"
               (list print-ms bits (length digits) read-ms (ok (=:= y x))
                     h mul-ms (ok (=:= (rem p a) 0))
                     bits h div-ms (ok (< (- x (* q d)) d))))))

(defun ok
  (('true) "")
  (('false) " WRONG"))

(defun timed (f)
  (let* ((t0 (erlang:monotonic_time 'microsecond))
         (v (funcall f))
         (t1 (erlang:monotonic_time 'microsecond)))
    (tuple (div (- t1 t0) 1000) v)))
