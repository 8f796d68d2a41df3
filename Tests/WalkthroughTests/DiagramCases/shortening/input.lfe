(set echo (spawn (lambda () (receive ((tuple from msg) (! from msg))))))
(progn (! echo (tuple (self) (lists:seq 1 40))) (receive (m (length m))))
