/// The prelude's collection modules: orddict, ordsets, proplists, queue, gb_trees,
/// gb_sets, dict, sets and the maps functions that take funs. Each keeps OTP 25's data
/// layout, so a value prints as it does in Erlang and a tutorial's output matches.
extension Prelude {
  static let collections: [(String, String)] = [
    (
      "orddict",
      """
      (defmodule orddict
        (export (new 0) (is_key 2) (to_list 1) (from_list 1) (size 1) (is_empty 1)
                (fetch 2) (find 2) (fetch_keys 1) (erase 2) (take 2) (store 3) (append 3)
                (append_list 3) (update 3) (update 4) (update_counter 3) (fold 3) (map 2)
                (filter 2) (merge 3)))
      ;; A list of {Key, Value} sorted by key; keys compare with == as in Erlang.
      (defun new () ())
      (defun is_key
        ((k (cons (tuple k1 _) _)) (when (< k k1)) 'false)
        ((k (cons (tuple k1 _) d)) (when (> k k1)) (is_key k d))
        ((_ (cons (tuple _ _) _)) 'true)
        ((_ ()) 'false))
      (defun to_list (d) d)
      ;; Reversed first so that of two equal keys the later one stays.
      (defun from_list
        ((()) ())
        (((list (tuple k v))) (list (tuple k v)))
        ((pairs) (lists:ukeysort 1 (reverse-pairs pairs ()))))
      (defun reverse-pairs
        (((cons (tuple k v) ps) acc) (reverse-pairs ps (cons (tuple k v) acc)))
        ((() acc) acc))
      (defun size (d) (length d))
      (defun is_empty
        ((()) 'true)
        (((cons _ _)) 'false))
      (defun fetch
        ((k (cons (tuple k1 v) _)) (when (== k k1)) v)
        ((k (cons (tuple k1 _) d)) (when (> k k1)) (fetch k d)))
      (defun find
        ((k (cons (tuple k1 _) _)) (when (< k k1)) 'error)
        ((k (cons (tuple k1 v) _)) (when (== k k1)) (tuple 'ok v))
        ((k (cons (tuple _ _) d)) (find k d))
        ((_ ()) 'error))
      (defun fetch_keys
        (((cons (tuple k _) d)) (cons k (fetch_keys d)))
        ((()) ()))
      (defun erase
        ((k (cons (tuple k1 v) d)) (when (< k k1)) (cons (tuple k1 v) d))
        ((k (cons (tuple k1 _) d)) (when (== k k1)) d)
        ((k (cons e d)) (cons e (erase k d)))
        ((_ ()) ()))
      (defun take (k d) (take_1 k d ()))
      (defun take_1
        ((k (cons (tuple k1 _) _) _) (when (< k k1)) 'error)
        ((k (cons (tuple k1 v) d) acc) (when (== k k1)) (tuple v (lists:reverse acc d)))
        ((k (cons e d) acc) (take_1 k d (cons e acc)))
        ((_ () _) 'error))
      (defun store
        ((k new (cons (tuple k1 v) d)) (when (< k k1)) (cons (tuple k new) (cons (tuple k1 v) d)))
        ((k new (cons (tuple k1 _) d)) (when (== k k1)) (cons (tuple k new) d))
        ((k new (cons e d)) (cons e (store k new d)))
        ((k new ()) (list (tuple k new))))
      (defun append
        ((k new (cons (tuple k1 v) d)) (when (< k k1)) (cons (tuple k (list new)) (cons (tuple k1 v) d)))
        ((k new (cons (tuple k1 old) d)) (when (== k k1)) (cons (tuple k (++ old (list new))) d))
        ((k new (cons e d)) (cons e (append k new d)))
        ((k new ()) (list (tuple k (list new)))))
      (defun append_list
        ((k new (cons (tuple k1 v) d)) (when (< k k1)) (cons (tuple k new) (cons (tuple k1 v) d)))
        ((k new (cons (tuple k1 old) d)) (when (== k k1)) (cons (tuple k (++ old new)) d))
        ((k new (cons e d)) (cons e (append_list k new d)))
        ((k new ()) (list (tuple k new))))
      (defun update
        ((k f (cons (tuple k1 v) d)) (when (== k k1)) (cons (tuple k (funcall f v)) d))
        ((k f (cons (tuple k1 v) d)) (when (> k k1)) (cons (tuple k1 v) (update k f d))))
      (defun update
        ((k f init (cons (tuple k1 v) d)) (when (< k k1)) (cons (tuple k init) (cons (tuple k1 v) d)))
        ((k f init (cons (tuple k1 v) d)) (when (== k k1)) (cons (tuple k (funcall f v)) d))
        ((k f init (cons e d)) (cons e (update k f init d)))
        ((k f init ()) (list (tuple k init))))
      (defun update_counter
        ((k n (cons (tuple k1 v) d)) (when (< k k1)) (cons (tuple k n) (cons (tuple k1 v) d)))
        ((k n (cons (tuple k1 v) d)) (when (== k k1)) (cons (tuple k (+ v n)) d))
        ((k n (cons e d)) (cons e (update_counter k n d)))
        ((k n ()) (list (tuple k n))))
      (defun fold
        ((f acc (cons (tuple k v) d)) (fold f (funcall f k v acc) d))
        ((f acc ()) acc))
      ;; Recursion goes through map-1: inside a module (map ...) makes an LFE map.
      (defun map (f d) (map-1 f d))
      (defun map-1
        ((f (cons (tuple k v) d)) (cons (tuple k (funcall f k v)) (map-1 f d)))
        ((f ()) ()))
      (defun filter
        ((f (cons (tuple k v) d))
         (if (funcall f k v) (cons (tuple k v) (filter f d)) (filter f d)))
        ((f ()) ()))
      (defun merge
        ((f (cons (tuple k1 v1) d1) (cons (tuple k2 v2) d2))
         (cond ((< k1 k2) (cons (tuple k1 v1) (merge f d1 (cons (tuple k2 v2) d2))))
               ((> k1 k2) (cons (tuple k2 v2) (merge f (cons (tuple k1 v1) d1) d2)))
               ('true (cons (tuple k1 (funcall f k1 v1 v2)) (merge f d1 d2)))))
        ((f () d2) d2)
        ((f d1 ()) d1))
      """
    ),
    (
      "ordsets",
      """
      (defmodule ordsets
        (export (new 0) (is_set 1) (size 1) (is_empty 1) (to_list 1) (from_list 1)
                (is_element 2) (add_element 2) (del_element 2) (union 2) (union 1)
                (intersection 2) (intersection 1) (is_disjoint 2) (subtract 2) (is_subset 2)
                (fold 3) (filter 2)))
      ;; A sorted list without duplicates (compared with ==).
      (defun new () ())
      (defun is_set
        ((s) (when (is_list s)) (is_set-1 s))
        ((_) 'false))
      (defun is_set-1
        (((cons x (cons y rest))) (if (< x y) (is_set-1 (cons y rest)) 'false))
        ((_) 'true))
      (defun size (s) (length s))
      (defun is_empty (s) (=:= s ()))
      (defun to_list (s) s)
      (defun from_list (l) (lists:usort l))
      (defun is_element
        ((e (cons x _)) (when (< e x)) 'false)
        ((e (cons x s)) (when (> e x)) (is_element e s))
        ((_ (cons _ _)) 'true)
        ((_ ()) 'false))
      (defun add_element
        ((e (cons x s)) (when (< e x)) (cons e (cons x s)))
        ((e (cons x s)) (when (> e x)) (cons x (add_element e s)))
        ((_ (cons x s)) (cons x s))
        ((e ()) (list e)))
      (defun del_element
        ((e (cons x s)) (when (< e x)) (cons x s))
        ((e (cons x s)) (when (> e x)) (cons x (del_element e s)))
        ((_ (cons _ s)) s)
        ((_ ()) ()))
      (defun union
        (((cons x s1) (cons y s2))
         (cond ((< x y) (cons x (union s1 (cons y s2))))
               ((> x y) (cons y (union (cons x s1) s2)))
               ('true (cons x (union s1 s2)))))
        ((() s2) s2)
        ((s1 ()) s1))
      (defun union (sets) (lists:foldl (lambda (s acc) (union acc s)) () sets))
      (defun intersection
        (((cons x s1) (cons y s2))
         (cond ((< x y) (intersection s1 (cons y s2)))
               ((> x y) (intersection (cons x s1) s2))
               ('true (cons x (intersection s1 s2)))))
        ((() _) ())
        ((_ ()) ()))
      (defun intersection
        (((cons s1 sets)) (lists:foldl (lambda (s acc) (intersection acc s)) s1 sets)))
      (defun is_disjoint
        (((cons x s1) (cons y s2))
         (cond ((< x y) (is_disjoint s1 (cons y s2)))
               ((> x y) (is_disjoint (cons x s1) s2))
               ('true 'false)))
        ((() _) 'true)
        ((_ ()) 'true))
      (defun subtract
        (((cons x s1) (cons y s2))
         (cond ((< x y) (cons x (subtract s1 (cons y s2))))
               ((> x y) (subtract (cons x s1) s2))
               ('true (subtract s1 s2))))
        ((() _) ())
        ((s1 ()) s1))
      (defun is_subset
        (((cons x s1) (cons y s2))
         (cond ((< x y) 'false)
               ((> x y) (is_subset (cons x s1) s2))
               ('true (is_subset s1 s2))))
        ((() _) 'true)
        ((_ ()) 'false))
      (defun fold (f acc s) (lists:foldl f acc s))
      (defun filter (p s) (lists:filter p s))
      """
    ),
    (
      "proplists",
      """
      (defmodule proplists
        (export (property 1) (property 2) (unfold 1) (compact 1) (lookup 2) (lookup_all 2)
                (is_defined 2) (get_value 2) (get_value 3) (get_all_values 2) (append_values 2)
                (get_bool 2) (get_keys 1) (delete 2) (substitute_aliases 2)
                (substitute_negations 2) (expand 2) (normalize 2) (split 2) (to_map 1)
                (to_map 2) (from_map 1)))
      ;; An entry is an atom A (short for {A, true}) or a tuple whose first element is its key.
      (defun property
        (((tuple k 'true)) (when (is_atom k)) k)
        ((p) p))
      (defun property
        ((k 'true) (when (is_atom k)) k)
        ((k v) (tuple k v)))
      (defun unfold
        (((cons p ps)) (if (is_atom p) (cons (tuple p 'true) (unfold ps)) (cons p (unfold ps))))
        ((()) ()))
      (defun compact
        ((ps) (when (is_list ps)) (lists:map (lambda (p) (property p)) ps))
        ((ps) (erlang:error (tuple 'bad_generator ps))))
      (defun key-of (p k)
        (if (is_atom p) (=:= p k)
            (andalso (is_tuple p) (>= (tuple_size p) 1) (=:= (element 1 p) k))))
      (defun lookup
        ((k (cons p ps))
         (cond ((andalso (is_atom p) (=:= p k)) (tuple k 'true))
               ((key-of p k) p)
               ('true (lookup k ps))))
        ((_ ()) 'none))
      (defun lookup_all
        ((k (cons p ps))
         (cond ((andalso (is_atom p) (=:= p k)) (cons (tuple k 'true) (lookup_all k ps)))
               ((key-of p k) (cons p (lookup_all k ps)))
               ('true (lookup_all k ps))))
        ((_ ()) ()))
      (defun is_defined
        ((k (cons p ps)) (if (key-of p k) 'true (is_defined k ps)))
        ((_ ()) 'false))
      (defun get_value (k ps) (get_value k ps 'undefined))
      (defun get_value
        ((k (cons p ps) default)
         (cond ((andalso (is_atom p) (=:= p k)) 'true)
               ((key-of p k) (case p ((tuple _ v) v) (_ default)))
               ('true (get_value k ps default))))
        ((_ () default) default))
      (defun get_all_values
        ((k (cons p ps))
         (cond ((andalso (is_atom p) (=:= p k)) (cons 'true (get_all_values k ps)))
               ((key-of p k)
                (case p
                  ((tuple _ v) (cons v (get_all_values k ps)))
                  (_ (get_all_values k ps))))
               ('true (get_all_values k ps))))
        ((_ ()) ()))
      (defun append_values
        ((k (cons p ps))
         (cond ((andalso (is_atom p) (=:= p k)) (cons 'true (append_values k ps)))
               ((key-of p k)
                (case p
                  ((tuple _ v) (when (is_list v)) (++ v (append_values k ps)))
                  ((tuple _ v) (cons v (append_values k ps)))
                  (_ (append_values k ps))))
               ('true (append_values k ps))))
        ((_ ()) ()))
      (defun get_bool (k ps)
        (case (lookup k ps)
          ((tuple _ 'true) 'true)
          (_ 'false)))
      (defun get_keys (ps) (sets:to_list (get-keys ps (sets:new))))
      (defun get-keys
        (((cons p ps) s)
         (cond ((is_atom p) (get-keys ps (sets:add_element p s)))
               ((andalso (is_tuple p) (>= (tuple_size p) 1))
                (get-keys ps (sets:add_element (element 1 p) s)))
               ('true (get-keys ps s))))
        ((() s) s))
      (defun delete
        ((k (cons p ps)) (if (key-of p k) (delete k ps) (cons p (delete k ps))))
        ((_ ()) ()))
      (defun substitute_aliases (as ps) (lists:map (lambda (p) (alias-1 as p)) ps))
      (defun alias-1
        (((cons (tuple k k1) as) p)
         (cond ((andalso (is_atom p) (=:= p k)) (property k1 'true))
               ((key-of p k) (property (setelement 1 p k1)))
               ('true (alias-1 as p))))
        ((() p) p))
      (defun substitute_negations (as ps) (lists:map (lambda (p) (negate-1 as p)) ps))
      (defun negate-1
        (((cons (tuple k k1) as) p)
         (cond ((andalso (is_atom p) (=:= p k)) (property k1 'false))
               ((key-of p k)
                (case p
                  ((tuple _ 'true) (property k1 'false))
                  ((tuple _ 'false) (property k1 'true))
                  (_ (property k1 'true))))
               ('true (negate-1 as p))))
        ((() p) p))
      ;; Each expansion replaces the first entry with its key (when that entry means the same
      ;; property) and drops the later entries with that key.
      (defun expand
        ((es ps) (when (not (is_list es))) (erlang:error (tuple 'bad_generator es)))
        ((es ps) (expand-0 es ps)))
      (defun expand-0 (es ps)
        (let ((ps1 (lists:foldl (lambda (e acc) (expand-1 e acc)) (lists:map (lambda (p) (tuple 'plain p)) ps) es)))
          (lists:flatmap (lambda (e) (case e ((tuple 'plain p) (list p)) ((tuple 'exp l) l))) ps1)))
      (defun expand-1 (e ps)
        (let* (((tuple prop exp) e)
               (k (prop-key prop)))
          (expand-2 k (property prop) exp ps)))
      (defun prop-key (p) (if (is_atom p) p (element 1 p)))
      (defun expand-2
        ((k norm exp (cons (tuple 'plain p) ps))
         (if (key-of p k)
           (if (=:= (property p) norm)
             (cons (tuple 'exp exp) (drop-key k ps))
             (cons (tuple 'plain p) ps))
           (cons (tuple 'plain p) (expand-2 k norm exp ps))))
        ((k norm exp (cons other ps)) (cons other (expand-2 k norm exp ps)))
        ((_ _ _ ()) ()))
      (defun drop-key
        ((k (cons (tuple 'plain p) ps)) (if (key-of p k) (drop-key k ps) (cons (tuple 'plain p) (drop-key k ps))))
        ((k (cons other ps)) (cons other (drop-key k ps)))
        ((_ ()) ()))
      (defun normalize
        ((ps (cons (tuple 'aliases as) stages)) (normalize (substitute_aliases as ps) stages))
        ((ps (cons (tuple 'expand es) stages)) (normalize (expand es ps) stages))
        ((ps (cons (tuple 'negations as) stages)) (normalize (substitute_negations as ps) stages))
        ((ps ()) (compact ps)))
      (defun split (ps keys)
        (let* ((store (lists:map (lambda (k) (tuple k ())) keys))
               ((tuple store1 rest) (split-1 ps store ())))
          (tuple (lists:map (lambda (e) (lists:reverse (element 2 e))) store1) (lists:reverse rest))))
      (defun split-1
        (((cons p ps) store rest)
         (let ((k (cond ((is_atom p) p)
                        ((andalso (is_tuple p) (>= (tuple_size p) 1)) (element 1 p))
                        ('true (tuple 'no-key)))))
           (case (lists:keymember k 1 store)
             ('true (split-1 ps (lists:map (lambda (e) (if (=:= (element 1 e) k) (tuple k (cons p (element 2 e))) e)) store) rest))
             ('false (split-1 ps store (cons p rest))))))
        ((() store rest) (tuple store rest)))
      (defun to_map (ps)
        (lists:foldr
          (lambda (p m)
            (cond ((is_atom p) (maps:put p 'true m))
                  ((andalso (is_tuple p) (== (tuple_size p) 2)) (maps:put (element 1 p) (element 2 p) m))
                  ('true m)))
          (maps:new) ps))
      (defun to_map (ps stages) (to_map (normalize ps stages)))
      (defun from_map (m) (maps:to_list m))
      """
    ),
    (
      "queue",
      """
      (defmodule queue
        (export (new 0) (is_queue 1) (is_empty 1) (len 1) (to_list 1) (from_list 1) (member 2)
                (in 2) (in_r 2) (out 1) (out_r 1) (get 1) (get_r 1) (peek 1) (peek_r 1)
                (drop 1) (drop_r 1) (reverse 1) (join 2) (split 2) (filter 2) (filtermap 2)
                (fold 3) (any 2) (all 2) (delete 2) (delete_r 2) (delete_with 2)
                (delete_with_r 2) (cons 2) (head 1) (tail 1) (snoc 2) (daeh 1) (last 1)
                (liat 1) (init 1) (lait 1)))
      ;; {Rear, Front}: the front list in order, the rear list reversed. When one side runs
      ;; out, half of the other is moved over, as OTP's queue does.
      (defun new () (tuple () ()))
      (defun is_queue
        (((tuple r f)) (when (is_list r) (is_list f)) 'true)
        ((_) 'false))
      (defun is_empty
        (((tuple () ())) 'true)
        (((tuple r f)) (when (is_list r) (is_list f)) 'false)
        ((q) (erlang:error 'badarg (list q))))
      (defun len
        (((tuple r f)) (when (is_list r) (is_list f)) (+ (length r) (length f)))
        ((q) (erlang:error 'badarg (list q))))
      (defun to_list
        (((tuple r f)) (when (is_list r) (is_list f)) (++ f (lists:reverse r)))
        ((q) (erlang:error 'badarg (list q))))
      (defun from_list
        ((l) (when (is_list l)) (f2r l))
        ((l) (erlang:error 'badarg (list l))))
      (defun member
        ((x (tuple r f)) (when (is_list r) (is_list f))
         (orelse (lists:member x f) (lists:member x r)))
        ((x q) (erlang:error 'badarg (list x q))))
      ;; The first half of a front list stays in front, the rest goes to the rear.
      (defun f2r
        ((()) (tuple () ()))
        ((f) (let (((tuple a b) (lists:split (div (length f) 2) f)))
               (tuple (lists:reverse b) a))))
      ;; The first half of a rear list stays at the rear, the rest goes to the front.
      (defun r2f
        ((()) (tuple () ()))
        ((r) (let (((tuple a b) (lists:split (div (length r) 2) r)))
               (tuple a (lists:reverse b)))))
      (defun in
        ((x (tuple (list y) ())) (tuple (list x) (list y)))
        ((x (tuple r f)) (when (is_list r) (is_list f)) (tuple (cons x r) f))
        ((x q) (erlang:error 'badarg (list x q))))
      (defun in_r
        ((x (tuple () (list y))) (tuple (list y) (list x)))
        ((x (tuple r f)) (when (is_list r) (is_list f)) (tuple r (cons x f)))
        ((x q) (erlang:error 'badarg (list x q))))
      (defun out
        (((= (tuple () ()) q)) (tuple 'empty q))
        (((tuple (list v) ())) (tuple (tuple 'value v) (tuple () ())))
        (((tuple (cons y r) ()))
         (let (((cons v f) (lists:reverse r))) (tuple (tuple 'value v) (tuple (list y) f))))
        (((tuple r (list v))) (when (is_list r)) (tuple (tuple 'value v) (r2f r)))
        (((tuple r (cons v f))) (when (is_list r)) (tuple (tuple 'value v) (tuple r f)))
        ((q) (erlang:error 'badarg (list q))))
      (defun out_r
        (((= (tuple () ()) q)) (tuple 'empty q))
        (((tuple () (list v))) (tuple (tuple 'value v) (tuple () ())))
        (((tuple () (cons y f)))
         (let (((cons v r) (lists:reverse f))) (tuple (tuple 'value v) (tuple r (list y)))))
        (((tuple (list v) f)) (when (is_list f)) (tuple (tuple 'value v) (f2r f)))
        (((tuple (cons v r) f)) (when (is_list f)) (tuple (tuple 'value v) (tuple r f)))
        ((q) (erlang:error 'badarg (list q))))
      (defun get
        (((= (tuple () ()) q)) (erlang:error 'empty (list q)))
        (((tuple r (cons h _))) (when (is_list r)) h)
        (((tuple r ())) (when (is_list r)) (lists:last r))
        ((q) (erlang:error 'badarg (list q))))
      (defun get_r
        (((= (tuple () ()) q)) (erlang:error 'empty (list q)))
        (((tuple (cons h _) f)) (when (is_list f)) h)
        (((tuple () f)) (when (is_list f)) (lists:last f))
        ((q) (erlang:error 'badarg (list q))))
      (defun peek
        (((tuple () ())) 'empty)
        (((tuple r (cons h _))) (when (is_list r)) (tuple 'value h))
        (((tuple r ())) (when (is_list r)) (tuple 'value (lists:last r)))
        ((q) (erlang:error 'badarg (list q))))
      (defun peek_r
        (((tuple () ())) 'empty)
        (((tuple (cons h _) f)) (when (is_list f)) (tuple 'value h))
        (((tuple () f)) (when (is_list f)) (tuple 'value (lists:last f)))
        ((q) (erlang:error 'badarg (list q))))
      (defun drop
        (((= (tuple () ()) q)) (erlang:error 'empty (list q)))
        (((tuple r f)) (when (is_list r) (is_list f)) (element 2 (out (tuple r f))))
        ((q) (erlang:error 'badarg (list q))))
      (defun drop_r
        (((= (tuple () ()) q)) (erlang:error 'empty (list q)))
        (((tuple r f)) (when (is_list r) (is_list f)) (element 2 (out_r (tuple r f))))
        ((q) (erlang:error 'badarg (list q))))
      (defun reverse
        (((tuple r f)) (when (is_list r) (is_list f)) (tuple f r))
        ((q) (erlang:error 'badarg (list q))))
      (defun join
        (((tuple r f) (tuple () ())) (when (is_list r) (is_list f)) (tuple r f))
        (((tuple () ()) (tuple r f)) (when (is_list r) (is_list f)) (tuple r f))
        (((tuple r1 f1) (tuple r2 f2)) (when (is_list r1) (is_list f1) (is_list r2) (is_list f2))
         (tuple r2 (++ f1 (lists:reverse r1 f2))))
        ((q1 q2) (erlang:error 'badarg (list q1 q2))))
      (defun split
        ((0 (tuple r f)) (when (is_list r) (is_list f)) (tuple (tuple () ()) (tuple r f)))
        ((n (tuple r f)) (when (is_integer n) (> n 0) (is_list r) (is_list f))
         (let ((lf (length f)) (lr (length r)))
           (cond ((>= n (+ lf lr)) (if (== n (+ lf lr))
                                       (tuple (tuple r f) (tuple () ()))
                                       (erlang:error 'badarg (list n (tuple r f)))))
                 ((< n lf)
                  (let (((tuple a b) (lists:split n f)))
                    (tuple (tuple (lists:reverse (tl a)) (list (hd a))) (tuple r b))))
                 ((> n lf)
                  (let (((tuple a b) (lists:split (- lr (- n lf)) r)))
                    (tuple (tuple b f) (tuple (list (hd a)) (lists:reverse (tl a))))))
                 ('true (tuple (f2r f) (r2f r))))))
        ((n q) (erlang:error 'badarg (list n q))))
      ;; After filtering, a side left empty takes half of the other.
      (defun rebalance
        ((() ()) (tuple () ()))
        ((r ()) (r2f r))
        ((() f) (f2r f))
        ((r f) (tuple r f)))
      (defun filter
        ((p (tuple r f)) (when (is_function p 1) (is_list r) (is_list f))
         (let* ((f1 (lists:flatmap (lambda (x) (filter-item p x)) f))
                (r1 (lists:reverse (lists:flatmap (lambda (x) (filter-item p x)) (lists:reverse r)))))
           (rebalance r1 f1)))
        ((p q) (erlang:error 'badarg (list p q))))
      (defun filter-item (p x)
        (case (funcall p x)
          ('true (list x))
          ('false ())
          (l (when (is_list l)) l)))
      (defun filtermap
        ((p (tuple r f)) (when (is_function p 1) (is_list r) (is_list f))
         (let* ((f1 (lists:filtermap p f))
                (r1 (lists:reverse (lists:filtermap p (lists:reverse r)))))
           (rebalance r1 f1)))
        ((p q) (erlang:error 'badarg (list p q))))
      (defun fold
        ((fun acc (tuple r f)) (when (is_function fun 2) (is_list r) (is_list f))
         (lists:foldr fun (lists:foldl fun acc f) r))
        ((fun acc q) (erlang:error 'badarg (list fun acc q))))
      (defun any
        ((p (tuple r f)) (when (is_function p 1) (is_list r) (is_list f))
         (orelse (lists:any p f) (lists:any p r)))
        ((p q) (erlang:error 'badarg (list p q))))
      (defun all
        ((p (tuple r f)) (when (is_function p 1) (is_list r) (is_list f))
         (andalso (lists:all p f) (lists:all p r)))
        ((p q) (erlang:error 'badarg (list p q))))
      (defun delete
        ((x (tuple r f)) (when (is_list r) (is_list f))
         (delete_with (lambda (y) (== x y)) (tuple r f)))
        ((x q) (erlang:error 'badarg (list x q))))
      (defun delete_r
        ((x (tuple r f)) (when (is_list r) (is_list f))
         (reverse (delete x (tuple f r))))
        ((x q) (erlang:error 'badarg (list x q))))
      (defun delete_with
        ((p (tuple r f)) (when (is_function p 1) (is_list r) (is_list f))
         (case (delete-first p f)
           ((tuple 'ok f1) (rebalance r f1))
           ('none
            (case (delete-first p (lists:reverse r))
              ((tuple 'ok r1) (rebalance (lists:reverse r1) f))
              ('none (tuple r f))))))
        ((p q) (erlang:error 'badarg (list p q))))
      (defun delete_with_r
        ((p (tuple r f)) (when (is_function p 1) (is_list r) (is_list f))
         (reverse (delete_with p (tuple f r))))
        ((p q) (erlang:error 'badarg (list p q))))
      (defun delete-first
        ((p (cons x xs)) (if (funcall p x) (tuple 'ok xs)
                           (case (delete-first p xs)
                             ((tuple 'ok ys) (tuple 'ok (cons x ys)))
                             ('none 'none))))
        ((_ ()) 'none))
      (defun cons (x q) (in_r x q))
      (defun head (q) (get q))
      (defun tail (q) (drop q))
      (defun snoc (q x) (in x q))
      (defun daeh (q) (get_r q))
      (defun last (q) (get_r q))
      (defun liat (q) (drop_r q))
      (defun init (q) (drop_r q))
      (defun lait (q) (drop_r q))
      """
    ),
    (
      "gb_trees",
      """
      (defmodule gb_trees
        (export (empty 0) (is_empty 1) (size 1) (lookup 2) (get 2) (is_defined 2) (insert 3)
                (update 3) (enter 3) (delete 2) (delete_any 2) (take 2) (take_any 2) (balance 1)
                (from_orddict 1) (keys 1) (values 1) (to_list 1) (smallest 1) (largest 1)
                (take_smallest 1) (take_largest 1) (iterator 1) (iterator_from 2) (next 1)
                (map 2)))
      ;; {Size, Tree}; a tree is nil or {Key, Value, Smaller, Bigger}. An insert that leaves a
      ;; path longer than the size allows rebuilds that subtree balanced, as OTP's does, so
      ;; the same inserts give the same shape.
      (defun empty () (tuple 0 'nil))
      (defun is_empty
        (((tuple 0 'nil)) 'true)
        ((_) 'false))
      (defun size
        (((tuple s _)) (when (is_integer s) (>= s 0)) s))
      (defun lookup
        ((k (tuple _ t)) (lookup_1 k t)))
      (defun lookup_1
        ((k (tuple k1 _ smaller _)) (when (< k k1)) (lookup_1 k smaller))
        ((k (tuple k1 _ _ bigger)) (when (> k k1)) (lookup_1 k bigger))
        ((_ (tuple _ v _ _)) (tuple 'value v))
        ((_ 'nil) 'none))
      (defun is_defined
        ((k (tuple _ t)) (is_defined_1 k t)))
      (defun is_defined_1
        ((k (tuple k1 _ smaller _)) (when (< k k1)) (is_defined_1 k smaller))
        ((k (tuple k1 _ _ bigger)) (when (> k k1)) (is_defined_1 k bigger))
        ((_ (tuple _ _ _ _)) 'true)
        ((_ 'nil) 'false))
      (defun get
        ((k (tuple _ t)) (get_1 k t)))
      (defun get_1
        ((k (tuple k1 _ smaller _)) (when (< k k1)) (get_1 k smaller))
        ((k (tuple k1 _ _ bigger)) (when (> k k1)) (get_1 k bigger))
        ((_ (tuple _ v _ _)) v))
      (defun update
        ((k v (tuple s t)) (tuple s (update_1 k v t))))
      (defun update_1
        ((k v (tuple k1 v1 smaller bigger)) (when (< k k1)) (tuple k1 v1 (update_1 k v smaller) bigger))
        ((k v (tuple k1 v1 smaller bigger)) (when (> k k1)) (tuple k1 v1 smaller (update_1 k v bigger)))
        ((k v (tuple _ _ smaller bigger)) (tuple k v smaller bigger)))
      (defun insert
        ((k v (tuple s t)) (when (is_integer s) (>= s 0))
         (let ((s1 (+ s 1)))
           (tuple s1 (insert_1 k v t (* s1 s1))))))
      ;; Returns the new subtree, or {Tree, Height, Size} while the path is too long, until a
      ;; level where the height exceeds what the size allows: that subtree is rebuilt.
      (defun insert_1
        ((k v (tuple k1 v1 smaller bigger) s) (when (< k k1))
         (case (insert_1 k v smaller (bsr s 1))
           ((tuple t1 h1 s1) (grown (tuple k1 v1 t1 bigger) h1 s1 bigger))
           (t1 (tuple k1 v1 t1 bigger))))
        ((k v (tuple k1 v1 smaller bigger) s) (when (> k k1))
         (case (insert_1 k v bigger (bsr s 1))
           ((tuple t1 h1 s1) (grown (tuple k1 v1 smaller t1) h1 s1 smaller))
           (t1 (tuple k1 v1 smaller t1))))
        ((k v 'nil 0) (tuple (tuple k v 'nil 'nil) 1 1))
        ((k v 'nil _) (tuple k v 'nil 'nil))
        ((k _ _ _) (erlang:error (tuple 'key_exists k))))
      (defun grown (t h1 s1 other)
        (let* (((tuple h2 s2) (count other))
               (h (* 2 (max h1 h2)))
               (ss (+ s1 s2 1)))
          (if (> h (* ss ss)) (balance-tree t ss) (tuple t h ss))))
      (defun count
        (((tuple _ _ 'nil 'nil)) (tuple 1 1))
        (((tuple _ _ sm bi))
         (let (((tuple h1 s1) (count sm)) ((tuple h2 s2) (count bi)))
           (tuple (* 2 (max h1 h2)) (+ s1 s2 1))))
        (('nil) (tuple 1 0)))
      (defun balance
        (((tuple s t)) (tuple s (balance-tree t s))))
      (defun balance-tree (t s) (element 1 (build (to_list_1 t ()) s)))
      ;; The first s pairs of a sorted list as a balanced tree, and the pairs left over.
      (defun build
        ((l s) (when (> s 1))
         (let* ((sm (- s 1)) (s2 (div sm 2)) (s1 (- sm s2))
                ((tuple t1 (cons (tuple k v) l1)) (build l s1))
                ((tuple t2 l2) (build l1 s2)))
           (tuple (tuple k v t1 t2) l2)))
        (((cons (tuple k v) l) 1) (tuple (tuple k v 'nil 'nil) l))
        ((l 0) (tuple 'nil l)))
      (defun from_orddict (l) (let ((s (length l))) (tuple s (element 1 (build l s)))))
      (defun enter (k v t) (if (is_defined k t) (update k v t) (insert k v t)))
      (defun delete
        ((k (tuple s t)) (tuple (- s 1) (delete_1 k t))))
      (defun delete_1
        ((k (tuple k1 v smaller bigger)) (when (< k k1)) (tuple k1 v (delete_1 k smaller) bigger))
        ((k (tuple k1 v smaller bigger)) (when (> k k1)) (tuple k1 v smaller (delete_1 k bigger)))
        ((_ (tuple _ _ smaller bigger)) (merge smaller bigger)))
      (defun merge
        ((smaller 'nil) smaller)
        (('nil bigger) bigger)
        ((smaller bigger)
         (let (((tuple k v bigger1) (take_smallest1 bigger))) (tuple k v smaller bigger1))))
      (defun delete_any (k t) (if (is_defined k t) (delete k t) t))
      (defun take
        ((k (tuple s t))
         (let (((tuple v t1) (take_1 k t))) (tuple v (tuple (- s 1) t1)))))
      (defun take_1
        ((k (tuple k1 v smaller bigger)) (when (< k k1))
         (let (((tuple v2 s1) (take_1 k smaller))) (tuple v2 (tuple k1 v s1 bigger))))
        ((k (tuple k1 v smaller bigger)) (when (> k k1))
         (let (((tuple v2 b1) (take_1 k bigger))) (tuple v2 (tuple k1 v smaller b1))))
        ((_ (tuple _ v smaller bigger)) (tuple v (merge smaller bigger))))
      (defun take_any (k t) (if (is_defined k t) (take k t) 'error))
      (defun take_smallest
        (((tuple s t))
         (let (((tuple k v t1) (take_smallest1 t))) (tuple k v (tuple (- s 1) t1)))))
      (defun take_smallest1
        (((tuple k v 'nil bigger)) (tuple k v bigger))
        (((tuple k v smaller bigger))
         (let (((tuple k1 v1 s1) (take_smallest1 smaller))) (tuple k1 v1 (tuple k v s1 bigger)))))
      (defun take_largest
        (((tuple s t))
         (let (((tuple k v t1) (take_largest1 t))) (tuple k v (tuple (- s 1) t1)))))
      (defun take_largest1
        (((tuple k v smaller 'nil)) (tuple k v smaller))
        (((tuple k v smaller bigger))
         (let (((tuple k1 v1 b1) (take_largest1 bigger))) (tuple k1 v1 (tuple k v smaller b1)))))
      (defun smallest
        (((tuple _ t)) (smallest_1 t)))
      (defun smallest_1
        (((tuple k v 'nil _)) (tuple k v))
        (((tuple _ _ smaller _)) (smallest_1 smaller)))
      (defun largest
        (((tuple _ t)) (largest_1 t)))
      (defun largest_1
        (((tuple k v _ 'nil)) (tuple k v))
        (((tuple _ _ _ bigger)) (largest_1 bigger)))
      (defun to_list
        (((tuple _ t)) (to_list_1 t ())))
      (defun to_list_1
        (((tuple k v smaller bigger) l) (to_list_1 smaller (cons (tuple k v) (to_list_1 bigger l))))
        (('nil l) l))
      (defun keys
        (((tuple _ t)) (keys_1 t ())))
      (defun keys_1
        (((tuple k _ smaller bigger) l) (keys_1 smaller (cons k (keys_1 bigger l))))
        (('nil l) l))
      (defun values
        (((tuple _ t)) (values_1 t ())))
      (defun values_1
        (((tuple _ v smaller bigger) l) (values_1 smaller (cons v (values_1 bigger l))))
        (('nil l) l))
      (defun iterator
        (((tuple _ t)) (iterator_1 t ())))
      (defun iterator_1
        (((= (tuple _ _ 'nil _) t) as) (cons t as))
        (((= (tuple _ _ l _) t) as) (iterator_1 l (cons t as)))
        (('nil as) as))
      (defun iterator_from
        ((k (tuple _ t)) (iterator_from_1 k t ())))
      (defun iterator_from_1
        ((k (tuple k1 _ _ bigger) as) (when (< k1 k)) (iterator_from_1 k bigger as))
        ((_ (= (tuple _ _ 'nil _) t) as) (cons t as))
        ((k (= (tuple _ _ l _) t) as) (iterator_from_1 k l (cons t as)))
        ((_ 'nil as) as))
      (defun next
        (((cons (tuple k v _ bigger) as)) (tuple k v (iterator_1 bigger as)))
        ((()) 'none))
      (defun map
        ((f (tuple s t)) (when (is_function f 2)) (tuple s (map-1 f t))))
      (defun map-1
        ((f (tuple k v smaller bigger)) (tuple k (funcall f k v) (map-1 f smaller) (map-1 f bigger)))
        ((_ 'nil) 'nil))
      """
    ),
    (
      "gb_sets",
      """
      (defmodule gb_sets
        (export (empty 0) (new 0) (is_empty 1) (size 1) (singleton 1) (is_element 2)
                (is_member 2) (insert 2) (add 2) (add_element 2) (delete 2) (delete_any 2)
                (del_element 2) (balance 1) (union 2) (union 1) (intersection 2)
                (intersection 1) (is_disjoint 2) (difference 2) (subtract 2) (is_subset 2)
                (to_list 1) (from_list 1) (from_ordset 1) (smallest 1) (largest 1)
                (take_smallest 1) (take_largest 1) (iterator 1) (iterator_from 2) (next 1)
                (filter 2) (fold 3) (is_set 1)))
      ;; {Size, Tree}; a tree is nil or {Element, Smaller, Bigger}, kept balanced the way
      ;; gb_trees keeps its trees.
      (defun empty () (tuple 0 'nil))
      (defun new () (tuple 0 'nil))
      (defun is_empty
        (((tuple 0 'nil)) 'true)
        ((_) 'false))
      (defun size
        (((tuple s _)) (when (is_integer s) (>= s 0)) s))
      (defun singleton (x) (tuple 1 (tuple x 'nil 'nil)))
      (defun is_element
        ((x (tuple _ t)) (is_member_1 x t)))
      (defun is_member
        ((x (tuple _ t)) (is_member_1 x t)))
      (defun is_member_1
        ((x (tuple x1 smaller _)) (when (< x x1)) (is_member_1 x smaller))
        ((x (tuple x1 _ bigger)) (when (> x x1)) (is_member_1 x bigger))
        ((_ (tuple _ _ _)) 'true)
        ((_ 'nil) 'false))
      (defun insert
        ((x (tuple s t)) (when (is_integer s) (>= s 0))
         (let ((s1 (+ s 1)))
           (tuple s1 (insert_1 x t (* s1 s1))))))
      (defun insert_1
        ((x (tuple x1 smaller bigger) s) (when (< x x1))
         (case (insert_1 x smaller (bsr s 1))
           ((tuple t1 h1 s1) (when (is_integer h1)) (grown (tuple x1 t1 bigger) h1 s1 bigger))
           (t1 (tuple x1 t1 bigger))))
        ((x (tuple x1 smaller bigger) s) (when (> x x1))
         (case (insert_1 x bigger (bsr s 1))
           ((tuple t1 h1 s1) (when (is_integer h1)) (grown (tuple x1 smaller t1) h1 s1 smaller))
           (t1 (tuple x1 smaller t1))))
        ((x 'nil 0) (tuple (tuple x 'nil 'nil) 1 1))
        ((x 'nil _) (tuple x 'nil 'nil))
        ((x _ _) (erlang:error (tuple 'key_exists x))))
      (defun grown (t h1 s1 other)
        (let* (((tuple h2 s2) (count other))
               (h (* 2 (max h1 h2)))
               (ss (+ s1 s2 1)))
          (if (> h (* ss ss)) (balance-tree t ss) (tuple t h ss))))
      (defun count
        (((tuple _ 'nil 'nil)) (tuple 1 1))
        (((tuple _ sm bi))
         (let (((tuple h1 s1) (count sm)) ((tuple h2 s2) (count bi)))
           (tuple (* 2 (max h1 h2)) (+ s1 s2 1))))
        (('nil) (tuple 1 0)))
      (defun add (x s) (if (is_member x s) s (insert x s)))
      (defun add_element (x s) (add x s))
      (defun balance
        (((tuple s t)) (tuple s (balance-tree t s))))
      (defun balance-tree (t s) (element 1 (build (to_list_1 t ()) s)))
      (defun build
        ((l s) (when (> s 1))
         (let* ((sm (- s 1)) (s2 (div sm 2)) (s1 (- sm s2))
                ((tuple t1 (cons x l1)) (build l s1))
                ((tuple t2 l2) (build l1 s2)))
           (tuple (tuple x t1 t2) l2)))
        (((cons x l) 1) (tuple (tuple x 'nil 'nil) l))
        ((l 0) (tuple 'nil l)))
      (defun from_ordset (l) (let ((s (length l))) (tuple s (element 1 (build l s)))))
      (defun from_list (l) (from_ordset (lists:usort l)))
      (defun delete
        ((x (tuple s t)) (tuple (- s 1) (delete_1 x t))))
      (defun delete_1
        ((x (tuple x1 smaller bigger)) (when (< x x1)) (tuple x1 (delete_1 x smaller) bigger))
        ((x (tuple x1 smaller bigger)) (when (> x x1)) (tuple x1 smaller (delete_1 x bigger)))
        ((_ (tuple _ smaller bigger)) (merge smaller bigger)))
      (defun merge
        ((smaller 'nil) smaller)
        (('nil bigger) bigger)
        ((smaller bigger)
         (let (((tuple x bigger1) (take_smallest1 bigger))) (tuple x smaller bigger1))))
      (defun delete_any (x s) (if (is_member x s) (delete x s) s))
      (defun del_element (x s) (delete_any x s))
      (defun take_smallest
        (((tuple s t))
         (let (((tuple x t1) (take_smallest1 t))) (tuple x (tuple (- s 1) t1)))))
      (defun take_smallest1
        (((tuple x 'nil bigger)) (tuple x bigger))
        (((tuple x smaller bigger))
         (let (((tuple x1 s1) (take_smallest1 smaller))) (tuple x1 (tuple x s1 bigger)))))
      (defun take_largest
        (((tuple s t))
         (let (((tuple x t1) (take_largest1 t))) (tuple x (tuple (- s 1) t1)))))
      (defun take_largest1
        (((tuple x smaller 'nil)) (tuple x smaller))
        (((tuple x smaller bigger))
         (let (((tuple x1 b1) (take_largest1 bigger))) (tuple x1 (tuple x smaller b1)))))
      (defun smallest
        (((tuple _ t)) (smallest_1 t)))
      (defun smallest_1
        (((tuple x 'nil _)) x)
        (((tuple _ smaller _)) (smallest_1 smaller)))
      (defun largest
        (((tuple _ t)) (largest_1 t)))
      (defun largest_1
        (((tuple x _ 'nil)) x)
        (((tuple _ _ bigger)) (largest_1 bigger)))
      (defun to_list
        (((tuple _ t)) (to_list_1 t ())))
      (defun to_list_1
        (((tuple x smaller bigger) l) (to_list_1 smaller (cons x (to_list_1 bigger l))))
        (('nil l) l))
      ;; Set operations go through sorted lists. Like OTP's, a result built from a list is
      ;; balanced with the larger half on the right, and a union of a small set into a much
      ;; bigger one inserts its elements instead.
      (defun from-revlist (l) (let ((s (length l))) (tuple s (element 1 (build-rev (lists:reverse l) s)))))
      (defun build-rev
        ((l s) (when (> s 1))
         (let* ((sm (- s 1)) (s2 (div sm 2)) (s1 (- sm s2))
                ((tuple t2 (cons x l1)) (build-rev l s1))
                ((tuple t1 l2) (build-rev l1 s2)))
           (tuple (tuple x t1 t2) l2)))
        (((cons x l) 1) (tuple (tuple x 'nil 'nil) l))
        ((l 0) (tuple 'nil l)))
      (defun union
        (((= (tuple n1 _) s1) (= (tuple n2 _) s2)) (when (< n2 n1)) (union-1 s2 s1))
        ((s1 s2) (union-1 s1 s2)))
      (defun union-1
        (((= (tuple n1 _) small) (= (tuple n2 _) big))
         (if (orelse (< n2 10) (< n2 (* n1 (round (* 1.46 (math:log n2))))))
           (from-revlist (ordsets:union (to_list small) (to_list big)))
           (lists:foldl (lambda (x acc) (add x acc)) big (to_list small)))))
      (defun union
        ((()) (empty))
        (((list s)) s)
        (((cons s1 (cons s2 ss))) (lists:foldl (lambda (s acc) (union acc s)) (union s1 s2) ss)))
      (defun intersection (s1 s2) (from-revlist (ordsets:intersection (to_list s1) (to_list s2))))
      (defun intersection
        (((list s)) s)
        (((cons s1 (cons s2 ss))) (lists:foldl (lambda (s acc) (intersection acc s)) (intersection s1 s2) ss)))
      (defun is_disjoint (s1 s2) (ordsets:is_disjoint (to_list s1) (to_list s2)))
      (defun difference (s1 s2) (from-revlist (ordsets:subtract (to_list s1) (to_list s2))))
      (defun subtract (s1 s2) (difference s1 s2))
      (defun is_subset (s1 s2) (ordsets:is_subset (to_list s1) (to_list s2)))
      (defun filter (p s) (from_ordset (lists:filter p (to_list s))))
      (defun fold (f acc s) (lists:foldl f acc (to_list s)))
      (defun is_set
        (((tuple 0 'nil)) 'true)
        (((tuple n (tuple _ _ _))) (when (is_integer n) (>= n 0)) 'true)
        ((_) 'false))
      (defun iterator
        (((tuple _ t)) (iterator_1 t ())))
      (defun iterator_1
        (((= (tuple _ 'nil _) t) as) (cons t as))
        (((= (tuple _ l _) t) as) (iterator_1 l (cons t as)))
        (('nil as) as))
      (defun iterator_from
        ((x (tuple _ t)) (iterator_from_1 x t ())))
      (defun iterator_from_1
        ((x (tuple x1 _ bigger) as) (when (< x1 x)) (iterator_from_1 x bigger as))
        ((_ (= (tuple _ 'nil _) t) as) (cons t as))
        ((x (= (tuple _ l _) t) as) (iterator_from_1 x l (cons t as)))
        ((_ 'nil as) as))
      (defun next
        (((cons (tuple x _ bigger) as)) (tuple x (iterator_1 bigger as)))
        ((()) 'none))
      """
    ),
    (
      "dict",
      """
      (defmodule dict
        (export (new 0) (is_key 2) (to_list 1) (from_list 1) (size 1) (is_empty 1)
                (fetch 2) (find 2) (fetch_keys 1) (erase 2) (take 2) (store 3) (append 3)
                (append_list 3) (update 3) (update 4) (update_counter 3) (fold 3) (map 2)
                (filter 2) (merge 3)))
      ;; OTP's layout, so a dict prints as it does in Erlang:
      ;; #(dict Size ActiveSlots MaxSlots BuddyOffset ExpandAt ContractAt EmptySegment Segments)
      ;; Segments is a tuple of 16-slot tuples; a slot holds a list of [Key | Value]. A key's
      ;; slot comes from erlang:phash/2; the table grows and shrinks one slot at a time.
      (defun new ()
        (let ((e (erlang:make_tuple 16 ())))
          (tuple 'dict 0 16 16 8 80 48 e (tuple e))))
      ;; Like OTP's record access, a value that is not a dict is {badrecord, Value}.
      (defun slot
        (((= (tuple 'dict _ n maxn bso _ _ _ _) _) k)
         (let ((h (erlang:phash k maxn)))
           (if (> h n) (- h bso) h)))
        ((d _) (erlang:error (tuple 'badrecord d))))
      (defun bucket (d s)
        (element (+ (rem (- s 1) 16) 1) (element (+ (div (- s 1) 16) 1) (element 9 d))))
      (defun set-bucket (d s b)
        (let* ((segs (element 9 d))
               (i (+ (div (- s 1) 16) 1)))
          (setelement 9 d (setelement i segs (setelement (+ (rem (- s 1) 16) 1) (element i segs) b)))))
      (defun size
        (((tuple 'dict n _ _ _ _ _ _ _)) n))
      (defun is_empty
        (((tuple 'dict n _ _ _ _ _ _ _)) (=:= n 0)))
      (defun bkt-find
        ((k (cons (cons k1 v) _)) (when (=:= k k1)) (tuple 'ok v))
        ((k (cons _ b)) (bkt-find k b))
        ((_ ()) 'error))
      (defun find (k d) (bkt-find k (bucket d (slot d k))))
      (defun is_key (k d)
        (case (find k d) ((tuple 'ok _) 'true) ('error 'false)))
      (defun fetch (k d)
        (case (find k d)
          ((tuple 'ok v) v)
          ('error (erlang:error 'badarg (list k d)))))
      ;; A bucket with Key's entry changed by f (given the old value or none), or added at its
      ;; end with f's value; and 1 when added.
      (defun bkt-change
        ((k f (cons (cons k1 v) b)) (when (=:= k k1)) (tuple (cons (cons k1 (funcall f (tuple 'ok v))) b) 0))
        ((k f (cons e b)) (let (((tuple b1 i) (bkt-change k f b))) (tuple (cons e b1) i)))
        ((k f ()) (tuple (list (cons k (funcall f 'error))) 1)))
      (defun change (k f d)
        (let* ((s (slot d k))
               ((tuple b i) (bkt-change k f (bucket d s)))
               (d1 (set-bucket d s b)))
          (if (== i 1) (maybe-expand (setelement 2 d1 (+ (element 2 d1) 1))) d1)))
      (defun store (k v d) (change k (lambda (_) v) d))
      (defun append (k v d)
        (change k (lambda (old) (case old ((tuple 'ok l) (++ l (list v))) ('error (list v)))) d))
      (defun append_list (k vs d)
        (change k (lambda (old) (case old ((tuple 'ok l) (++ l vs)) ('error vs))) d))
      (defun update (k f d)
        (if (is_key k d)
          (change k (lambda (old) (funcall f (element 2 old))) d)
          (erlang:error 'badarg (list k f d))))
      (defun update (k f init d)
        (change k (lambda (old) (case old ((tuple 'ok v) (funcall f v)) ('error init))) d))
      (defun update_counter
        ((k n d) (when (is_number n))
         (change k (lambda (old) (case old ((tuple 'ok v) (+ v n)) ('error n))) d)))
      (defun maybe-expand (d)
        (if (> (element 2 d) (element 6 d)) (expand d) d))
      (defun expand (d0)
        (let* ((n (+ (element 3 d0) 1))
               (d (if (> n (element 4 d0)) (grow-segments d0) d0))
               (maxn (element 4 d))
               (s1 (- n (element 5 d)))
               ((tuple b1 b2) (rehash (bucket d s1) s1 maxn))
               (d2 (set-bucket (set-bucket d s1 b1) n b2)))
          (setelement 3 (setelement 6 (setelement 7 d2 (* n 3)) (* n 5)) n)))
      (defun grow-segments (d)
        (let* ((segs (element 9 d))
               (more (erlang:make_tuple (tuple_size segs) (element 8 d))))
          (setelement 9 (setelement 4 (setelement 5 d (* 2 (element 5 d))) (* 2 (element 4 d)))
                      (list_to_tuple (++ (tuple_to_list segs) (tuple_to_list more))))))
      (defun rehash
        (((cons e b) s1 maxn)
         (let (((tuple l1 l2) (rehash b s1 maxn)))
           (if (== (erlang:phash (entry-key e) maxn) s1) (tuple (cons e l1) l2) (tuple l1 (cons e l2)))))
        ((() _ _) (tuple () ())))
      (defun entry-key
        (((cons k _)) k))
      (defun bkt-erase
        ((k (cons (cons k1 v) b)) (when (=:= k k1)) (tuple b (tuple 'ok v)))
        ((k (cons e b)) (let (((tuple b1 r) (bkt-erase k b))) (tuple (cons e b1) r)))
        ((_ ()) (tuple () 'error)))
      (defun erase (k d)
        (let* ((s (slot d k))
               ((tuple b r) (bkt-erase k (bucket d s))))
          (case r
            ((tuple 'ok _) (maybe-contract (set-bucket d s b) 1))
            ('error d))))
      (defun take (k d)
        (let* ((s (slot d k))
               ((tuple b r) (bkt-erase k (bucket d s))))
          (case r
            ((tuple 'ok v) (tuple v (maybe-contract (set-bucket d s b) 1)))
            ('error 'error))))
      (defun maybe-contract (d dc)
        (let ((size (- (element 2 d) dc)))
          (if (andalso (< size (element 7 d)) (> (element 3 d) 16))
            (contract (setelement 2 d size))
            (setelement 2 d size))))
      (defun contract (d)
        (let* ((n (element 3 d))
               (s1 (- n (element 5 d)))
               (d1 (set-bucket (set-bucket d s1 (++ (bucket d s1) (bucket d n))) n ()))
               (n1 (- n 1))
               (d2 (setelement 3 (setelement 6 (setelement 7 d1 (* n1 3)) (* n1 5)) n1)))
          (if (== n1 (element 5 d2)) (shrink-segments d2) d2)))
      (defun shrink-segments (d)
        (let* ((segs (tuple_to_list (element 9 d)))
               ((tuple keep _) (lists:split (div (length segs) 2) segs)))
          (setelement 9 (setelement 4 (setelement 5 d (div (element 5 d) 2)) (div (element 4 d) 2))
                      (list_to_tuple keep))))
      ;; Slots from the last to the first, each bucket from its head.
      (defun fold
        ((f acc (= (tuple 'dict _ _ _ _ _ _ _ _) d)) (when (is_function f 3))
         (fold-slots f acc d (* 16 (tuple_size (element 9 d)))))
        ((f _ d) (when (is_function f 3)) (erlang:error (tuple 'badrecord d))))
      (defun fold-slots
        ((_ acc _ 0) acc)
        ((f acc d s) (fold-slots f (fold-bucket f acc (bucket d s)) d (- s 1))))
      (defun fold-bucket
        ((f acc (cons (cons k v) b)) (fold-bucket f (funcall f k v acc) b))
        ((_ acc ()) acc))
      (defun to_list (d) (fold (lambda (k v acc) (cons (tuple k v) acc)) () d))
      (defun fetch_keys (d) (fold (lambda (k _ acc) (cons k acc)) () d))
      (defun from_list (l) (lists:foldl (lambda (p d) (store-pair p d)) (new) l))
      (defun store-pair
        (((tuple k v) d) (store k v d)))
      (defun map (f d)
        (map-segments (lambda (b) (lists:map (lambda (e) (cons (car e) (funcall f (car e) (cdr e)))) b)) d))
      (defun map-segments
        ((g (= (tuple 'dict _ _ _ _ _ _ _ _) d)) (map-segments-1 g d))
        ((_ d) (erlang:error (tuple 'badrecord d))))
      (defun map-segments-1 (g d)
        (setelement 9 d
          (list_to_tuple
            (lists:map (lambda (seg) (list_to_tuple (lists:map g (tuple_to_list seg))))
                       (tuple_to_list (element 9 d))))))
      (defun filter (p d)
        (let* ((d1 (map-segments (lambda (b) (lists:filter (lambda (e) (funcall p (car e) (cdr e))) b)) d))
               (gone (- (element 2 d) (fold (lambda (_ _ n) (+ n 1)) 0 d1))))
          (maybe-contract d1 gone)))
      (defun merge (f d1 d2)
        (if (< (size d1) (size d2))
          (fold (lambda (k v1 d) (update k (lambda (v2) (funcall f k v1 v2)) v1 d)) d2 d1)
          (fold (lambda (k v2 d) (update k (lambda (v1) (funcall f k v1 v2)) v2 d)) d1 d2)))
      """
    ),
    (
      "sets",
      """
      (defmodule sets
        (export (new 0) (new 1) (is_set 1) (size 1) (is_empty 1) (to_list 1) (from_list 1)
                (from_list 2) (is_element 2) (add_element 2) (del_element 2) (union 2)
                (union 1) (intersection 2) (intersection 1) (is_disjoint 2) (subtract 2)
                (is_subset 2) (fold 3) (filter 2)))
      ;; OTP 25's default sets: the same hash table as dict, with the elements themselves in
      ;; the slots, a new element at the front of its slot. (new '(#(version 2))) makes the
      ;; newer kind, a map from each element to [].
      (defun new ()
        (let ((e (erlang:make_tuple 16 ())))
          (tuple 'set 0 16 16 8 80 48 e (tuple e))))
      (defun new
        (((list (tuple 'version 2))) (maps:new))
        ((opts) (when (is_list opts)) (new)))
      (defun from_list (l) (lists:foldl (lambda (e s) (add_element e s)) (new) l))
      (defun from_list
        ((l (list (tuple 'version 2))) (maps:from_keys l ()))
        ((l opts) (when (is_list opts)) (from_list l)))
      (defun is_set
        (((tuple 'set _ _ _ _ _ _ _ _)) 'true)
        ((m) (when (is_map m)) 'true)
        ((_) 'false))
      (defun size
        (((tuple 'set n _ _ _ _ _ _ _)) n)
        ((m) (when (is_map m)) (maps:size m)))
      (defun is_empty (s) (=:= (size s) 0))
      (defun slot (d k)
        (let ((h (erlang:phash k (element 4 d))))
          (if (> h (element 3 d)) (- h (element 5 d)) h)))
      (defun bucket (d s)
        (element (+ (rem (- s 1) 16) 1) (element (+ (div (- s 1) 16) 1) (element 9 d))))
      (defun set-bucket (d s b)
        (let* ((segs (element 9 d))
               (i (+ (div (- s 1) 16) 1)))
          (setelement 9 d (setelement i segs (setelement (+ (rem (- s 1) 16) 1) (element i segs) b)))))
      (defun is_element
        ((e (= (tuple 'set _ _ _ _ _ _ _ _) s)) (lists:member e (bucket s (slot s e))))
        ((e m) (when (is_map m)) (maps:is_key e m)))
      (defun add_element
        ((e (= (tuple 'set _ _ _ _ _ _ _ _) s))
         (let* ((i (slot s e)) (b (bucket s i)))
           (if (lists:member e b)
             s
             (maybe-expand (setelement 2 (set-bucket s i (cons e b)) (+ (element 2 s) 1))))))
        ((e m) (when (is_map m)) (maps:put e () m)))
      (defun maybe-expand (d)
        (if (> (element 2 d) (element 6 d)) (expand d) d))
      (defun expand (d0)
        (let* ((n (+ (element 3 d0) 1))
               (d (if (> n (element 4 d0)) (grow-segments d0) d0))
               (maxn (element 4 d))
               (s1 (- n (element 5 d)))
               ((tuple b1 b2) (rehash (bucket d s1) s1 maxn))
               (d2 (set-bucket (set-bucket d s1 b1) n b2)))
          (setelement 3 (setelement 6 (setelement 7 d2 (* n 3)) (* n 5)) n)))
      (defun grow-segments (d)
        (let* ((segs (element 9 d))
               (more (erlang:make_tuple (tuple_size segs) (element 8 d))))
          (setelement 9 (setelement 4 (setelement 5 d (* 2 (element 5 d))) (* 2 (element 4 d)))
                      (list_to_tuple (++ (tuple_to_list segs) (tuple_to_list more))))))
      (defun rehash
        (((cons e b) s1 maxn)
         (let (((tuple l1 l2) (rehash b s1 maxn)))
           (if (== (erlang:phash e maxn) s1) (tuple (cons e l1) l2) (tuple l1 (cons e l2)))))
        ((() _ _) (tuple () ())))
      (defun del_element
        ((e (= (tuple 'set _ _ _ _ _ _ _ _) s))
         (let* ((i (slot s e)) (b (bucket s i)))
           (if (lists:member e b)
             (maybe-contract (set-bucket s i (lists:delete e b)) 1)
             s)))
        ((e m) (when (is_map m)) (maps:remove e m)))
      (defun maybe-contract (d dc)
        (let ((size (- (element 2 d) dc)))
          (if (andalso (< size (element 7 d)) (> (element 3 d) 16))
            (contract (setelement 2 d size))
            (setelement 2 d size))))
      (defun contract (d)
        (let* ((n (element 3 d))
               (s1 (- n (element 5 d)))
               (d1 (set-bucket (set-bucket d s1 (++ (bucket d s1) (bucket d n))) n ()))
               (n1 (- n 1))
               (d2 (setelement 3 (setelement 6 (setelement 7 d1 (* n1 3)) (* n1 5)) n1)))
          (if (== n1 (element 5 d2)) (shrink-segments d2) d2)))
      (defun shrink-segments (d)
        (let* ((segs (tuple_to_list (element 9 d)))
               ((tuple keep _) (lists:split (div (length segs) 2) segs)))
          (setelement 9 (setelement 4 (setelement 5 d (div (element 5 d) 2)) (div (element 4 d) 2))
                      (list_to_tuple keep))))
      (defun fold
        ((f acc (= (tuple 'set _ _ _ _ _ _ _ _) s)) (when (is_function f 2))
         (fold-slots f acc s (* 16 (tuple_size (element 9 s)))))
        ((f acc m) (when (is_function f 2) (is_map m))
         (lists:foldl f acc (maps:keys m))))
      (defun fold-slots
        ((_ acc _ 0) acc)
        ((f acc d s) (fold-slots f (lists:foldl f acc (bucket d s)) d (- s 1))))
      (defun to_list
        ((m) (when (is_map m)) (maps:keys m))
        ((s) (fold (lambda (e acc) (cons e acc)) () s)))
      (defun filter
        ((p (= (tuple 'set _ _ _ _ _ _ _ _) s))
         (let* ((s1 (setelement 9 s
                      (list_to_tuple
                        (lists:map (lambda (seg) (list_to_tuple (lists:map (lambda (b) (lists:reverse (lists:filter p b))) (tuple_to_list seg))))
                                   (tuple_to_list (element 9 s))))))
                (gone (- (element 2 s) (fold (lambda (_ n) (+ n 1)) 0 s1))))
           (maybe-contract s1 gone)))
        ((p m) (when (is_map m)) (maps:filter (lambda (k _) (funcall p k)) m)))
      (defun union (s1 s2)
        (if (< (size s1) (size s2))
          (fold (lambda (e s) (add_element e s)) s2 s1)
          (fold (lambda (e s) (add_element e s)) s1 s2)))
      (defun union
        ((()) (new))
        (((list s)) s)
        (((cons s1 (cons s2 ss))) (lists:foldl (lambda (s acc) (union acc s)) (union s1 s2) ss)))
      (defun intersection (s1 s2)
        (if (< (size s1) (size s2))
          (filter (lambda (e) (is_element e s2)) s1)
          (filter (lambda (e) (is_element e s1)) s2)))
      (defun intersection
        (((list s)) s)
        (((cons s1 (cons s2 ss))) (lists:foldl (lambda (s acc) (intersection acc s)) (intersection s1 s2) ss)))
      (defun is_disjoint (s1 s2)
        (if (< (size s1) (size s2))
          (fold (lambda (e acc) (andalso acc (not (is_element e s2)))) 'true s1)
          (fold (lambda (e acc) (andalso acc (not (is_element e s1)))) 'true s2)))
      (defun subtract (s1 s2) (filter (lambda (e) (not (is_element e s2))) s1))
      (defun is_subset (s1 s2) (fold (lambda (e acc) (andalso acc (is_element e s2))) 'true s1))
      """
    ),
    (
      "maps",
      """
      (defmodule maps
        (export (fold 3) (foreach 2) (map 2) (filter 2) (filtermap 2) (update_with 3)
                (update_with 4) (merge_with 3) (iterator 1) (next 1) (groups_from_list 2)
                (groups_from_list 3) (intersect 2) (intersect_with 3)))
      ;; The maps functions that take a fun, or an iterator. Keys are visited in the order
      ;; maps:to_list gives them.
      (defun fold
        ((f acc m) (when (is_function f 3) (is_map m))
         (lists:foldl (lambda (kv a) (funcall f (element 1 kv) (element 2 kv) a)) acc (maps:to_list m)))
        ((f acc (= (cons 0 _) it)) (when (is_function f 3)) (fold-iter f acc (next it)))
        ((f acc m) (if (is_function f 3) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list f acc m)))))
      (defun fold-iter
        ((f acc (tuple k v it)) (fold-iter f (funcall f k v acc) (next it)))
        ((_ acc 'none) acc))
      (defun foreach
        ((f m) (when (is_function f 2) (is_map m))
         (lists:foreach (lambda (kv) (funcall f (element 1 kv) (element 2 kv))) (maps:to_list m)))
        ((f m) (if (is_function f 2) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list f m)))))
      (defun map
        ((f m) (when (is_function f 2) (is_map m))
         (maps:from_list (lists:map (lambda (kv) (tuple (element 1 kv) (funcall f (element 1 kv) (element 2 kv)))) (maps:to_list m))))
        ((f m) (if (is_function f 2) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list f m)))))
      (defun filter
        ((p m) (when (is_function p 2) (is_map m))
         (maps:from_list (lists:filter (lambda (kv) (funcall p (element 1 kv) (element 2 kv))) (maps:to_list m))))
        ((p m) (if (is_function p 2) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list p m)))))
      (defun filtermap
        ((f m) (when (is_function f 2) (is_map m))
         (maps:from_list
           (lists:filtermap
             (lambda (kv)
               (case (funcall f (element 1 kv) (element 2 kv))
                 ('true 'true)
                 ('false 'false)
                 ((tuple 'true v) (tuple 'true (tuple (element 1 kv) v)))))
             (maps:to_list m))))
        ((f m) (if (is_function f 2) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list f m)))))
      (defun update_with
        ((k f m) (when (is_function f 1) (is_map m))
         (case (maps:find k m)
           ((tuple 'ok v) (maps:put k (funcall f v) m))
           ('error (erlang:error (tuple 'badkey k)))))
        ((k f m) (if (is_function f 1) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list k f m)))))
      (defun update_with
        ((k f init m) (when (is_function f 1) (is_map m))
         (case (maps:find k m)
           ((tuple 'ok v) (maps:put k (funcall f v) m))
           ('error (maps:put k init m))))
        ((k f init m) (if (is_function f 1) (erlang:error (tuple 'badmap m)) (erlang:error 'badarg (list k f init m)))))
      (defun merge_with
        ((f m1 m2) (when (is_function f 3) (is_map m1) (is_map m2))
         (fold (lambda (k v2 acc)
                 (case (maps:find k acc)
                   ((tuple 'ok v1) (maps:put k (funcall f k v1 v2) acc))
                   ('error (maps:put k v2 acc))))
               m1 m2))
        ((f m1 m2) (cond ((not (is_map m1)) (erlang:error (tuple 'badmap m1)))
                         ((not (is_map m2)) (erlang:error (tuple 'badmap m2)))
                         ('true (erlang:error 'badarg (list f m1 m2))))))
      (defun intersect (m1 m2) (intersect_with (lambda (_ _ v2) v2) m1 m2))
      (defun intersect_with
        ((f m1 m2) (when (is_function f 3) (is_map m1) (is_map m2))
         (fold (lambda (k v1 acc)
                 (case (maps:find k m2)
                   ((tuple 'ok v2) (maps:put k (funcall f k v1 v2) acc))
                   ('error acc)))
               (maps:new) m1))
        ((f m1 m2) (cond ((not (is_map m1)) (erlang:error (tuple 'badmap m1)))
                         ((not (is_map m2)) (erlang:error (tuple 'badmap m2)))
                         ('true (erlang:error 'badarg (list f m1 m2))))))
      ;; Erlang's own small-map iterator: [0 | Map]; next/1 gives {K, V, Rest} where Rest is
      ;; the remaining pairs chained the same way, ending in none.
      (defun iterator
        ((m) (when (is_map m)) (cons 0 m))
        ((m) (erlang:error (tuple 'badmap m))))
      (defun next
        (((cons 0 m)) (when (is_map m)) (next (chain (maps:to_list m))))
        (((= (tuple _ _ _) it)) it)
        (('none) 'none)
        ((it) (erlang:error 'badarg (list it))))
      (defun chain
        (((cons (tuple k v) rest)) (tuple k v (chain rest)))
        ((()) 'none))
      (defun groups_from_list (f l) (groups_from_list f (lambda (x) x) l))
      (defun groups_from_list
        ((kf vf l) (when (is_function kf 1) (is_function vf 1) (is_list l))
         (maps:map (lambda (_ vs) (lists:reverse vs))
           (lists:foldl (lambda (x acc)
                          (let ((k (funcall kf x)) (v (funcall vf x)))
                            (case (maps:find k acc)
                              ((tuple 'ok vs) (maps:put k (cons v vs) acc))
                              ('error (maps:put k (list v) acc)))))
                        (maps:new) l)))
        ((kf vf l) (erlang:error 'badarg (list kf vf l))))
      """
    ),
  ]
}
