(process_flag 'trap_exit 'true)
(progn (spawn_link (lambda () (exit 'boom))) (let ((pid (spawn (lambda () (receive (x x)))))) (monitor 'process pid) (! pid 'bye) (receive ((tuple 'DOWN _ _ _ r) r))))
