/// Library functions written in LFE itself: the ones that call funs, wait for messages
/// or run other code (`lists:map`, `timer:sleep`, `c:flush`). Written in LFE, they
/// suspend and resume like any process code, where a Swift native could not.
/// Each module is compiled into a runtime the first time something calls it (see
/// `Runtime.autoload`): compiling all of them took a fifth of checking a short page.
/// No prelude function has the name and arity of a native, so whether a module is
/// loaded yet never changes which of the two a call reaches.
enum Prelude {
  /// The module that holds the interpreter's own helpers.
  static let support = "lfe_tutor"

  /// Compiles and loads the prelude module `name`.
  static func load(_ name: String, into runtime: Runtime) {
    guard let source = sources.first(where: { $0.0 == name })?.1 else {
      preconditionFailure("no prelude module \(name)")
    }
    do {
      _ = try ModuleCompiler.compileAndLoad(
        source: source, file: "\(name).lfe", runtime: runtime, traced: false)
    } catch {
      preconditionFailure("prelude module \(name) does not compile: \(error)")
    }
  }

  static let sources: [(String, String)] = core + collections

  private static let core: [(String, String)] = [
    (
      "lists",
      """
      (defmodule lists
        (export (map 2) (foreach 2) (foldl 3) (foldr 3) (filter 2) (any 2) (all 2)
                (flatmap 2) (partition 2) (takewhile 2) (dropwhile 2) (splitwith 2)
                (zipwith 3) (zipwith3 4) (mapfoldl 3) (mapfoldr 3) (filtermap 2)
                (sort 2) (usort 2) (keymap 3) (search 2) (ukeysort 2) (keymerge 3)
                (ukeymerge 3) (rkeymerge 3) (rukeymerge 3) (merge 1) (merge 3) (merge3 3)
                (umerge 1) (umerge 3) (umerge3 3) (rmerge 2) (rmerge 3) (rmerge3 3)
                (rumerge 2) (rumerge 3) (rumerge3 3) (zf 2) (uniq 2)))
      ;; Guards and helper names as OTP's lists module has them, so misuse fails the way
      ;; Erlang reports it: (lists:map 'notfun '(1 2)) matches no clause of lists:map/2.
      (defun map
        ((f xs) (when (is_function f 1)) (map_1 f xs)))
      ;; Built in reverse by a loop, then turned round: a long list costs no deep
      ;; stack, and f still sees the elements first to last.
      (defun map_1 (f xs) (map_1 f xs ()))
      (defun map_1
        ((f (cons x xs) acc) (map_1 f xs (cons (funcall f x) acc)))
        ((f () acc) (lists:reverse acc))
        ((f other acc) (erlang:error (tuple 'case_clause other))))
      (defun foreach
        ((f xs) (when (is_function f 1)) (foreach_1 f xs)))
      (defun foreach_1
        ((f (cons x xs)) (funcall f x) (foreach_1 f xs))
        ((f ()) 'ok))
      (defun foldl
        ((f acc xs) (when (is_function f 2))
         (case xs
           ((cons x rest) (foldl_1 f (funcall f x acc) rest))
           (() acc))))
      (defun foldl_1
        ((f acc (cons x xs)) (foldl_1 f (funcall f x acc) xs))
        ((f acc ()) acc))
      (defun foldr
        ((f acc xs) (when (is_function f 2)) (foldr_1 f acc xs)))
      (defun foldr_1
        ((f acc (cons x xs)) (funcall f x (foldr_1 f acc xs)))
        ((f acc ()) acc))
      (defun filter
        ((p xs) (when (is_function p 1)) (filter_1 p xs)))
      (defun filter_1
        ((p (cons x xs)) (if (funcall p x) (cons x (filter_1 p xs)) (filter_1 p xs)))
        ((p ()) ())
        ((p other) (erlang:error (tuple 'bad_generator other))))
      (defun any
        ((p xs) (when (is_function p 1)) (any_1 p xs)))
      (defun any_1
        ((p (cons x xs)) (if (funcall p x) 'true (any_1 p xs)))
        ((p ()) 'false)
        ((p other) (erlang:error (tuple 'case_clause other))))
      (defun all
        ((p xs) (when (is_function p 1)) (all_1 p xs)))
      (defun all_1
        ((p (cons x xs)) (if (funcall p x) (all_1 p xs) 'false))
        ((p ()) 'true)
        ((p other) (erlang:error (tuple 'case_clause other))))
      ;; OTP 25 checks that these are given a fun of the right arity (function_clause).
      (defun flatmap
        ((f xs) (when (is_function f 1)) (flatmap_1 f xs)))
      (defun flatmap_1
        ((f (cons x xs)) (++ (funcall f x) (flatmap_1 f xs)))
        ((f ()) ()))
      (defun partition
        ((p xs) (when (is_function p 1)) (partition p xs () ())))
      (defun partition
        ((p (cons x xs) yes no)
         (if (funcall p x) (partition p xs (cons x yes) no) (partition p xs yes (cons x no))))
        ((p () yes no) (tuple (lists:reverse yes) (lists:reverse no))))
      (defun takewhile
        ((p xs) (when (is_function p 1)) (takewhile_1 p xs)))
      (defun takewhile_1
        ((p (cons x xs)) (if (funcall p x) (cons x (takewhile_1 p xs)) ()))
        ((p ()) ()))
      (defun dropwhile
        ((p xs) (when (is_function p 1)) (dropwhile_1 p xs)))
      (defun dropwhile_1
        ((p (cons x xs)) (if (funcall p x) (dropwhile_1 p xs) (cons x xs)))
        ((p ()) ()))
      (defun splitwith
        ((p xs) (when (is_function p 1)) (tuple (takewhile_1 p xs) (dropwhile_1 p xs))))
      (defun zipwith
        ((f (cons x xs) (cons y ys)) (cons (funcall f x y) (zipwith f xs ys)))
        ((f () ()) ()))
      (defun zipwith3
        ((f (cons x xs) (cons y ys) (cons z zs)) (cons (funcall f x y z) (zipwith3 f xs ys zs)))
        ((f () () ()) ()))
      (defun mapfoldl
        ((f acc xs) (when (is_function f 2)) (mapfoldl_1 f acc xs)))
      (defun mapfoldl_1
        ((f acc (cons x xs))
         (let* (((tuple y acc1) (funcall f x acc))
                ((tuple ys acc2) (mapfoldl_1 f acc1 xs)))
           (tuple (cons y ys) acc2)))
        ((f acc ()) (tuple () acc)))
      (defun mapfoldr
        ((f acc xs) (when (is_function f 2) (is_list xs))
         (let (((tuple ys acc1) (mapfoldl_1 f acc (lists:reverse xs))))
           (tuple (lists:reverse ys) acc1))))
      (defun filtermap
        ((f xs) (when (is_function f 1)) (filtermap_1 f xs)))
      (defun filtermap_1
        ((f (cons x xs))
         (case (funcall f x)
           ('true (cons x (filtermap_1 f xs)))
           ('false (filtermap_1 f xs))
           ((tuple 'true y) (cons y (filtermap_1 f xs)))))
        ((f ()) ()))
      (defun sort
        ((f ()) ())
        ((f (list x)) (list x))
        ((f xs)
         (let* ((n (div (length xs) 2))
                ((tuple a b) (lists:split n xs)))
           (merge-by f (sort f a) (sort f b)))))
      (defun merge-by
        ((f (cons x xs) (cons y ys))
         (if (funcall f x y) (cons x (merge-by f xs (cons y ys))) (cons y (merge-by f (cons x xs) ys))))
        ((f () ys) ys)
        ((f xs ()) xs))
      (defun usort
        ((f xs) (when (is_function f 2)) (usort-dedup f (sort f xs))))
      (defun usort-dedup
        ((f (cons x (cons y rest)))
         (if (andalso (funcall f x y) (funcall f y x)) (usort-dedup f (cons x rest)) (cons x (usort-dedup f (cons y rest)))))
        ((f xs) xs))
      (defun keymap
        ((f n (cons t ts)) (cons (setelement n t (funcall f (element n t))) (keymap f n ts)))
        ((f n ()) ()))
      (defun search
        ((p xs) (when (is_function p 1)) (search_1 p xs)))
      (defun search_1
        ((p (cons x xs)) (if (funcall p x) (tuple 'value x) (search_1 p xs)))
        ((p ()) 'false))
      (defun ukeysort
        ((n l) (when (is_integer n) (> n 0)) (ukeysort-1 n (lists:keysort n l))))
      (defun ukeysort-1
        ((n (cons a (cons b rest)))
         (if (== (element n a) (element n b)) (ukeysort-1 n (cons a rest)) (cons a (ukeysort-1 n (cons b rest)))))
        ((_ l) l))
      (defun keymerge
        ((n l1 l2) (when (is_integer n) (> n 0)) (keymerge-1 n l1 l2)))
      (defun keymerge-1
        ((n (cons a as) (cons b bs))
         (if (=< (element n a) (element n b)) (cons a (keymerge-1 n as (cons b bs))) (cons b (keymerge-1 n (cons a as) bs))))
        ((_ () bs) bs)
        ((_ as ()) as))
      (defun ukeymerge
        ((n l1 l2) (when (is_integer n) (> n 0)) (ukeymerge-1 n l1 l2)))
      (defun ukeymerge-1
        ((n (cons a as) (cons b bs))
         (cond ((< (element n a) (element n b)) (cons a (ukeymerge-1 n as (cons b bs))))
               ((== (element n a) (element n b)) (cons a (ukeymerge-1 n as bs)))
               ('true (cons b (ukeymerge-1 n (cons a as) bs)))))
        ((_ () bs) bs)
        ((_ as ()) as))
      ;; The r-functions take lists sorted the other way round: merge them turned round.
      (defun rkeymerge (n l1 l2) (lists:reverse (keymerge n (lists:reverse l1) (lists:reverse l2))))
      (defun rukeymerge (n l1 l2) (lists:reverse (ukeymerge n (lists:reverse l1) (lists:reverse l2))))
      (defun merge
        ((f (cons a as) (cons b bs)) (when (is_function f 2))
         (if (funcall f a b) (cons a (merge f as (cons b bs))) (cons b (merge f (cons a as) bs))))
        ((_ () bs) bs)
        ((_ as ()) as))
      (defun merge (ls) (lists:foldr (lambda (l acc) (lists:merge l acc)) () ls))
      (defun merge3 (l1 l2 l3) (lists:merge l1 (lists:merge l2 l3)))
      (defun umerge
        ((f (cons a as) (cons b bs)) (when (is_function f 2))
         (if (funcall f a b)
           (if (funcall f b a) (cons a (umerge f as bs)) (cons a (umerge f as (cons b bs))))
           (cons b (umerge f (cons a as) bs))))
        ((_ () bs) bs)
        ((_ as ()) as))
      (defun umerge (ls) (lists:foldr (lambda (l acc) (lists:umerge l acc)) () ls))
      (defun umerge3 (l1 l2 l3) (lists:umerge l1 (lists:umerge l2 l3)))
      (defun rmerge (l1 l2) (lists:reverse (lists:merge (lists:reverse l1) (lists:reverse l2))))
      (defun rmerge (f l1 l2) (lists:reverse (merge f (lists:reverse l1) (lists:reverse l2))))
      (defun rmerge3 (l1 l2 l3) (lists:reverse (merge3 (lists:reverse l1) (lists:reverse l2) (lists:reverse l3))))
      (defun rumerge (l1 l2) (lists:reverse (lists:umerge (lists:reverse l1) (lists:reverse l2))))
      (defun rumerge (f l1 l2) (lists:reverse (umerge f (lists:reverse l1) (lists:reverse l2))))
      (defun rumerge3 (l1 l2 l3) (lists:reverse (umerge3 (lists:reverse l1) (lists:reverse l2) (lists:reverse l3))))
      (defun zf (f l) (filtermap f l))
      (defun uniq
        ((f l) (when (is_function f 1)) (uniq-by f l ())))
      (defun uniq-by
        ((f (cons x xs) seen)
         (let ((k (funcall f x)))
           (if (lists:member k seen) (uniq-by f xs seen) (cons x (uniq-by f xs (cons k seen))))))
        ((_ () _) ()))
      """
    ),
    (
      "timer",
      """
      (defmodule timer (export (sleep 1) (send_after 2) (send_after 3) (tc 1) (tc 2) (tc 3)))
      (defun sleep (ms) (receive (after ms 'ok)))
      (defun send_after (ms msg) (tuple 'ok (erlang:send_after ms (self) msg)))
      (defun send_after (ms dest msg) (tuple 'ok (erlang:send_after ms dest msg)))
      (defun tc (f) (tc-run (lambda () (funcall f))))
      (defun tc (f args) (tc-run (lambda () (apply f args))))
      (defun tc (m f args) (tc-run (lambda () (apply m f args))))
      (defun tc-run (thunk)
        (let* ((t0 (erlang:monotonic_time 'microsecond))
               (v (funcall thunk))
               (t1 (erlang:monotonic_time 'microsecond)))
          (tuple (- t1 t0) v)))
      """
    ),
    (
      "c",
      """
      (defmodule c (export (flush 0)))
      (defun flush ()
        (receive
          (m (io:format '"Shell got ~p~n" (list m)) (flush))
          (after 0 'ok)))
      """
    ),
    (
      support,
      """
      (defmodule lfe_tutor
        (export (apply 3) (send-after 3) (catch-value 1) (build-binary 1) (value 1)))
      (defun apply (m f args) (apply m f args))
      (defun value (x) x)
      (defun send-after (ms dest msg)
        (receive (after ms (catch (! dest msg)) 'ok)))
      (defun catch-value
        (((tuple 'throw v _)) v)
        (((tuple 'exit r _)) (tuple 'EXIT r))
        (((tuple 'error r s)) (tuple 'EXIT (tuple r s))))
      (defun build-binary (segments) (lfe_tutor_native:build_binary segments))
      """
    ),
  ]
}
