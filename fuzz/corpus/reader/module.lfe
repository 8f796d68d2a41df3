(defmodule m (export (f 1)))
(defun f (x) (case x ((tuple 'a b) b) (_ #(1 2.5 "s" #b(1 2) #M(k v)))))
