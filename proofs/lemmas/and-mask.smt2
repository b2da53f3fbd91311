; The added rule andJlongLowBitsClear (proofs/rules/bitwiseAndLongMask.key), checked: for every
; Java long t and m with m <= -1 and (-m) dividing 2^63 (the rule's condition), Java's t & m equals
; t - mod(t, -m), mod the floor modulus (KeY's mod: 0 <= mod(t, p) < p for p > 0). KeY's integers
; are written here as 66-bit bit vectors (signed range [-2^65, 2^65)): every value below lies in
; [-2^64, 2^64], so 66-bit +, - and sign extension are exact integer operations, and bvsmod with a
; positive divisor is the floor modulus. Java's & on long is bvand on the 64-bit values (two's
; complement). (With 128 bits the file takes 3 to 4 times as long.)
;
; Each (check-sat) below is labelled by the comment before it with the answer it must give;
; ProofRunner runs `cvc5 --incremental` on this file and compares. An `unsat` proves a claim, a
; `sat` is a non-vacuity check.
; cvc5's bit-vector solver bitblast-internal (bit-blasting into cvc5's own SAT solver; the option
; below) instead of its default, bitblast (`cvc5 --bv-solver=help`): the same answers, faster on
; this file (session 49, alone on this machine: 4.7-6.6 s against 20.7-23.5 s). align.smt2 keeps
; the default, which is faster there.
(set-option :bv-solver bitblast-internal)
(set-logic QF_BV)
(declare-const t (_ BitVec 64))
(declare-const m (_ BitVec 64))
(define-fun T () (_ BitVec 66) ((_ sign_extend 2) t))
(define-fun M () (_ BitVec 66) ((_ sign_extend 2) m))
; p = -m, exact in 66 bits (m = Long.MIN_VALUE gives 2^63)
(define-fun P () (_ BitVec 66) (bvneg M))
(define-fun zero () (_ BitVec 66) (_ bv0 66))
(define-fun pow2 ((k (_ BitVec 66))) (_ BitVec 66) (bvshl (_ bv1 66) k))
; the rule's condition: m <= -1 and mod(2^63, -m) = 0 (t in long range holds by construction)
(define-fun condition () Bool (and (bvslt M zero) (= (bvsmod (pow2 (_ bv63 66)) P) zero)))
; the rule's conclusion: t & m = t - mod(t, -m)
(define-fun conclusion () Bool (= ((_ sign_extend 2) (bvand t m)) (bvsub T (bvsmod T P))))

; the condition can hold
; expect: sat
(push 1) (assert condition) (check-sat) (pop 1)

; without the divisor condition the conclusion can fail (m = -3)
; expect: sat
(push 1) (assert (= m (bvneg (_ bv3 64)))) (assert (not conclusion)) (check-sat) (pop 1)

; the condition allows exactly the masks -2^k, 0 <= k <= 63: -m is one of the 64 powers of two
; expect: unsat
(push 1) (assert condition) (assert (not (or
(= P (pow2 (_ bv0 66))) (= P (pow2 (_ bv1 66))) (= P (pow2 (_ bv2 66))) (= P (pow2 (_ bv3 66))) (= P (pow2 (_ bv4 66))) (= P (pow2 (_ bv5 66))) (= P (pow2 (_ bv6 66))) (= P (pow2 (_ bv7 66))) (= P (pow2 (_ bv8 66))) (= P (pow2 (_ bv9 66))) (= P (pow2 (_ bv10 66))) (= P (pow2 (_ bv11 66))) (= P (pow2 (_ bv12 66))) (= P (pow2 (_ bv13 66))) (= P (pow2 (_ bv14 66))) (= P (pow2 (_ bv15 66))) (= P (pow2 (_ bv16 66))) (= P (pow2 (_ bv17 66))) (= P (pow2 (_ bv18 66))) (= P (pow2 (_ bv19 66))) (= P (pow2 (_ bv20 66))) (= P (pow2 (_ bv21 66))) (= P (pow2 (_ bv22 66))) (= P (pow2 (_ bv23 66))) (= P (pow2 (_ bv24 66))) (= P (pow2 (_ bv25 66))) (= P (pow2 (_ bv26 66))) (= P (pow2 (_ bv27 66))) (= P (pow2 (_ bv28 66))) (= P (pow2 (_ bv29 66))) (= P (pow2 (_ bv30 66))) (= P (pow2 (_ bv31 66))) (= P (pow2 (_ bv32 66))) (= P (pow2 (_ bv33 66))) (= P (pow2 (_ bv34 66))) (= P (pow2 (_ bv35 66))) (= P (pow2 (_ bv36 66))) (= P (pow2 (_ bv37 66))) (= P (pow2 (_ bv38 66))) (= P (pow2 (_ bv39 66))) (= P (pow2 (_ bv40 66))) (= P (pow2 (_ bv41 66))) (= P (pow2 (_ bv42 66))) (= P (pow2 (_ bv43 66))) (= P (pow2 (_ bv44 66))) (= P (pow2 (_ bv45 66))) (= P (pow2 (_ bv46 66))) (= P (pow2 (_ bv47 66))) (= P (pow2 (_ bv48 66))) (= P (pow2 (_ bv49 66))) (= P (pow2 (_ bv50 66))) (= P (pow2 (_ bv51 66))) (= P (pow2 (_ bv52 66))) (= P (pow2 (_ bv53 66))) (= P (pow2 (_ bv54 66))) (= P (pow2 (_ bv55 66))) (= P (pow2 (_ bv56 66))) (= P (pow2 (_ bv57 66))) (= P (pow2 (_ bv58 66))) (= P (pow2 (_ bv59 66))) (= P (pow2 (_ bv60 66))) (= P (pow2 (_ bv61 66))) (= P (pow2 (_ bv62 66))) (= P (pow2 (_ bv63 66)))))) (check-sat) (pop 1)

; the conclusion for each of them: one check per k, with a constant divisor (with a symbolic one
; cvc5 did not finish in 2 minutes)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv0 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv1 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv2 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv3 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv4 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv5 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv6 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv7 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv8 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv9 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv10 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv11 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv12 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv13 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv14 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv15 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv16 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv17 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv18 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv19 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv20 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv21 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv22 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv23 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv24 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv25 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv26 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv27 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv28 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv29 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv30 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv31 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv32 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv33 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv34 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv35 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv36 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv37 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv38 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv39 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv40 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv41 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv42 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv43 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv44 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv45 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv46 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv47 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv48 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv49 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv50 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv51 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv52 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv53 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv54 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv55 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv56 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv57 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv58 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv59 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv60 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv61 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv62 66)))) (assert (not conclusion)) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= P (pow2 (_ bv63 66)))) (assert (not conclusion)) (check-sat) (pop 1)
