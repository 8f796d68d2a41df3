(set worker (spawn (lambda () (receive ((tuple from n) (! from (* n n)))))))
(progn (! worker (tuple (self) 7)) (receive (sq sq)))
