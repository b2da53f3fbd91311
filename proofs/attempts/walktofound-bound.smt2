; Session 51 (proofs/ATTEMPTS.md, "BOUNDS (lower) for `alloc`", session 51): the arithmetic of the
; goal that session 48's walkToFound leaves open, as a plain SMT-LIB query. Not a committed proof and
; not run by the proof runner; run it by hand:
;   cvc5 proofs/attempts/walktofound-bound.smt2        (expected answer: unsat; 0.05 s in session 51)
; Longs are integers in [-2^63, 2^63 - 1]. U is u(a) as the JML writes it (a for a > 0, else 2^63);
; T(e) = (long) (e + (a - 1)), the wrap written as KeY's goal writes it after auto mode (with /, the
; floor division, SMT-LIB's div for the positive 2^64); A(e) = T(e) - T(e) % U, ALIGN(e) in walk's
; value form; LE the sign-split unsigned <=. Premises: a > 0 or a == Long.MIN_VALUE (the sign half
; of Ulong.powerOfTwo); addr, ef = tree.ends[first] and el = tree.ends[lastPassed] longs;
; walkToFound's requires (addr <= ef, or addr == A(ef)); walk's value (rw is A(el) if it passed an
; area, else addr) and its order postcondition (ef <= el then); rw != 0. Claim: addr <= rw.
; Variants, by hand (session 51's answers):
;   A in KeY's division form, (define-fun A ((e Int)) Int (* (div (T e) U) U)): unsat, 0.09 s.
;   z3 on either form: no answer in 60 s.
;   Without (assert (inl ef)), (assert (inl el)), the sign half of powerOfTwo, the order premise
;   or (assert (not (= rw 0))): sat (each is needed). Without (assert (inl addr)): unsat.
(set-logic ALL)
(define-fun MIN () Int (- 9223372036854775808))
(define-fun MAX () Int 9223372036854775807)
(define-fun W64 () Int 18446744073709551616)
(define-fun inl ((x Int)) Bool (and (<= MIN x) (<= x MAX)))
(define-fun LE ((x Int) (y Int)) Bool (ite (< x 0) (and (< y 0) (<= x y)) (or (< y 0) (<= x y))))
(declare-const a Int)
(declare-const addr Int)
(declare-const ef Int)
(declare-const el Int)
(declare-const rw Int)
(declare-const passed Bool)
(define-fun U () Int (ite (> a 0) a 9223372036854775808))
(define-fun T ((e Int)) Int (+ (- 1) a e (* (div (+ 9223372036854775807 a e) W64) (- W64))))
(define-fun A ((e Int)) Int (- (T e) (mod (T e) U)))
(assert (inl a))
(assert (inl addr))
(assert (inl ef))
(assert (inl el))
(assert (or (> a 0) (= a MIN)))
(assert (or (LE addr ef) (= addr (A ef))))
(assert (= rw (ite passed (A el) addr)))
(assert (=> passed (LE ef el)))
(assert (not (= rw 0)))
(assert (not (LE addr rw)))
(check-sat)
