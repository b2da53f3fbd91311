; The JML model method Ulong.powerOfTwo(a), which alloc's contract requires, is exactly the kernel's
; is_power_of_2(n) (n != 0 && (n & (n - 1)) == 0) on the u64 value of a Java long n, as the port
; computes it in Ulong.isPowerOf2. powerOfTwo reads (a > 0 || a == Long.MIN_VALUE) && 2^63 % u(a)
; == 0, u(a) the unsigned value (a for a > 0, 2^63 for Long.MIN_VALUE); with a dividend >= 0 and a
; divisor > 0, JML's % is the unsigned remainder. Written here in 66-bit bit vectors, where the
; zero extension of n is u(n) and 2^63 is exact; & and - on n are Java's long operations.
;
; Each (check-sat) below is labelled by the comment before it with the answer it must give;
; ProofRunner runs `cvc5 --incremental` on this file and compares. An `unsat` proves a claim, a
; `sat` is a non-vacuity check.
; cvc5's bit-vector solver bitblast-internal (bit-blasting into cvc5's own SAT solver; the option
; below) instead of its default, bitblast (`cvc5 --bv-solver=help`): the same answers, faster on
; this file (session 49, alone on this machine: 1.8-2.2 s against 4.7-5.6 s). align.smt2 keeps the
; default, which is faster there.
(set-option :bv-solver bitblast-internal)
(set-logic QF_BV)
(declare-const n (_ BitVec 64))
(define-fun U () (_ BitVec 66) ((_ zero_extend 2) n))
(define-fun two63 () (_ BitVec 66) (bvshl (_ bv1 66) (_ bv63 66)))
; Ulong.isPowerOf2: return n != 0 && (n & (n - 1)) == 0;
(define-fun kernel () Bool (and (not (= n (_ bv0 64))) (= (bvand n (bvsub n (_ bv1 64))) (_ bv0 64))))
; the JML model method powerOfTwo(n)
(define-fun jml () Bool
  (and (or (bvsgt n (_ bv0 64)) (= n #x8000000000000000)) (= (bvurem two63 U) (_ bv0 66))))

; both hold for some n (n = 2^63 among them)
; expect: sat
(push 1) (assert jml) (assert (= n #x8000000000000000)) (check-sat) (pop 1)

; and fail for some n (n = 6)
; expect: sat
(push 1) (assert (not jml)) (assert (= n #x0000000000000006)) (check-sat) (pop 1)

; they agree on every n
; expect: unsat
(push 1) (assert (not (= kernel jml))) (check-sat) (pop 1)
