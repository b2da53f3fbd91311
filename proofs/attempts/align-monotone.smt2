; Session 45 (proofs/ATTEMPTS.md, "BOUNDS (lower) for `alloc`", session 45): ALIGN() is monotone
; when neither call wraps, in the form the walk invariant of proofs/attempts/lower-bounds-session45.patch
; needs it. Not a committed proof and not run by the proof runner; run it by hand:
;   cvc5 proofs/attempts/align-monotone.smt2        (expected answer: unsat)
; Longs are integers in [-2^63, 2^63 - 1]; wrap is Java's long wrap-around; mod is SMT-LIB's
; (Euclidean, equal to KeY's floor modulus for a positive divisor). For every long a (u(a) = a for
; a > 0, 2^63 otherwise), A(e) = t - mod(t, u(a)) with t = (long) (e + (a - 1)) (Ulong.align's
; value case), AF(e) = e <= t unsigned (alignFits), LE the sign-split unsigned <=. The claim:
; AF(e1) && AF(e2) && e1 <= e2 ==> A(e1) <= A(e2), all unsigned; unsat below proves it.
; Non-vacuity, by hand: with the last assert replaced by (assert (< e1 e2)) the answer is sat (the
; premises hold together); without (assert (AF e2)) it is sat (ALIGN(e2) wraps to a small value).
(set-logic ALL)
(define-fun MIN () Int (- 9223372036854775808))
(define-fun MAX () Int 9223372036854775807)
(define-fun W64 () Int 18446744073709551616)
(define-fun wrap ((x Int)) Int (- (mod (+ x 9223372036854775808) W64) 9223372036854775808))
(declare-const a Int)
(declare-const e1 Int)
(declare-const e2 Int)
(define-fun inl ((x Int)) Bool (and (<= MIN x) (<= x MAX)))
(define-fun U () Int (ite (> a 0) a 9223372036854775808))
(define-fun T ((e Int)) Int (wrap (+ e (- a 1))))
(define-fun A ((e Int)) Int (- (T e) (mod (T e) U)))
(define-fun LE ((x Int) (y Int)) Bool (ite (< x 0) (and (< y 0) (<= x y)) (or (< y 0) (<= x y))))
(define-fun AF ((e Int)) Bool (LE e (T e)))
(assert (inl a)) (assert (inl e1)) (assert (inl e2))
(assert (AF e1)) (assert (AF e2)) (assert (LE e1 e2))
(assert (not (LE (A e1) (A e2))))
(check-sat)
