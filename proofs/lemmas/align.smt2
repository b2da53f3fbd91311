; ALIGN-LEMMA (spec/SPEC.md): the kernel's ALIGN(x, a) for a power of two a, over 64-bit
; unsigned values, as the port computes it in Ulong.align: (x + (a - 1)) & ~(a - 1).
; KeY 2.12.3 cannot reason about ~ and & on long (proofs/REPORT.md); cvc5 decides this in the
; theory of fixed-size bit vectors, where +, -, & and ~ are exactly Java's long operations
; (two's complement, wrap-around modulo 2^64).
;
; Each (check-sat) below is labelled by the comment before it with the answer it must give;
; ProofRunner runs `cvc5 --incremental` on this file and compares. An `unsat` proves the claim
; for every x and every power of two a (k from 0 to 63); a `sat` is a non-vacuity check (the
; hypotheses can hold, or the claim fails without them).
(set-logic QF_BV)
(declare-const x (_ BitVec 64))
(declare-const k (_ BitVec 64))
(define-fun zero () (_ BitVec 64) (_ bv0 64))
(define-fun one () (_ BitVec 64) (_ bv1 64))
(define-fun a () (_ BitVec 64) (bvshl one k))
; Ulong.align(x, a): return (x + (a - 1)) & ~(a - 1);
(define-fun r () (_ BitVec 64) (bvand (bvadd x (bvsub a one)) (bvnot (bvsub a one))))
; x + (a - 1) passes 2^64 (the kernel's ALIGN wraps)
(define-fun wraps () Bool (bvult (bvadd x (bvsub a one)) x))
(define-fun powerOfTwo () Bool (bvult k (_ bv64 64)))
(assert powerOfTwo)

; the hypothesis a = 2^k, 0 <= k <= 63, can hold
; expect: sat
(check-sat)

; ALIGN-LEMMA.1, ALIGNMENT: the result is a multiple of a (unsigned remainder 0). One check
; per k: with a constant divisor cvc5 decides bvurem at once, with a symbolic one it takes
; minutes (102 s here for this claim); the 64 checks cover every k that powerOfTwo allows.
; expect: unsat
(push 1) (assert (= k (_ bv0 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv1 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv2 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv3 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv4 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv5 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv6 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv7 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv8 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv9 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv10 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv11 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv12 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv13 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv14 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv15 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv16 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv17 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv18 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv19 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv20 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv21 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv22 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv23 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv24 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv25 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv26 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv27 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv28 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv29 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv30 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv31 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv32 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv33 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv34 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv35 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv36 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv37 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv38 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv39 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv40 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv41 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv42 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv43 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv44 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv45 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv46 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv47 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv48 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv49 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv50 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv51 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv52 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv53 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv54 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv55 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv56 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv57 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv58 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv59 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv60 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv61 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv62 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv63 64))) (assert (not (= (bvurem r a) zero))) (check-sat) (pop 1)

; ALIGN-LEMMA.2, BOUNDS: without wrap-around, x <= result < x + a (the lowest multiple of a at
; or above x; so the padding [x, result) holds no multiple of a)
; expect: unsat
(push 1)
(assert (not (=> (not wraps) (and (bvule x r) (bvult (bvsub r x) a)))))
(check-sat)
(pop 1)

; ALIGN-LEMMA.3, the wrap: when x + (a - 1) passes 2^64 the result is 0
; expect: unsat
(push 1)
(assert (not (=> wraps (= r zero))))
(check-sat)
(pop 1)

; ALIGN-LEMMA.4, the callers' wrap test: `addr < x` after ALIGN (alignTraced's P_ALIGN_WRAPPED,
; alloc's `addr < vstart`) holds exactly when ALIGN wrapped and x != 0
; expect: unsat
(push 1)
(assert (not (= (bvult r x) (and wraps (not (= x zero))))))
(check-sat)
(pop 1)

; ALIGN-LEMMA.5, the form of the missing KeY lemma in proofs/REPORT.md:
; (x + a - 1) & ~(a - 1) == (x + a - 1) - ((x + a - 1) mod a), mod unsigned. One check per k,
; as for ALIGN-LEMMA.1 (symbolic k: about 8 minutes).
; expect: unsat
(push 1) (assert (= k (_ bv0 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv1 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv2 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv3 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv4 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv5 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv6 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv7 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv8 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv9 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv10 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv11 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv12 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv13 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv14 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv15 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv16 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv17 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv18 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv19 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv20 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv21 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv22 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv23 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv24 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv25 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv26 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv27 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv28 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv29 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv30 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv31 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv32 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv33 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv34 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv35 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv36 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv37 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv38 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv39 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv40 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv41 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv42 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv43 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv44 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv45 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv46 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv47 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv48 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv49 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv50 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv51 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv52 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv53 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv54 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv55 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv56 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv57 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv58 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv59 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv60 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv61 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv62 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)
; expect: unsat
(push 1) (assert (= k (_ bv63 64))) (assert (not (= r (bvsub (bvadd x (bvsub a one)) (bvurem (bvadd x (bvsub a one)) a))))) (check-sat) (pop 1)

; Non-vacuity: without the power-of-two hypothesis (a = 3 = 2^0 + 2^1), ALIGNMENT fails
; expect: sat
(push 1)
(assert (not (= (bvurem (bvand (bvadd x (_ bv2 64)) (bvnot (_ bv2 64))) (_ bv3 64)) zero)))
(check-sat)
(pop 1)
