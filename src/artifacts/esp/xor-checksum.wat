;; XOR of the bytes in memory[p, end) folded to one byte (the ESP image checksum, before the seed).
;; Memory (17 pages) holds the 1 MiB chunk the caller reads the file into, at byte 64.
(module
  (memory (export "memory") 17 17)
  (func (export "xor") (param $p i32) (param $end i32) (result i32)
    (local $acc v128)
    (local $w i32)
    ;; 16 bytes at a time (v128.load takes any alignment)
    (block $tail
      (loop $blocks
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $acc (v128.xor (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.set $w
      (i32.xor
        (i32.xor (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
        (i32.xor (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
    ;; the last 0..15 bytes one at a time
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $w (i32.xor (local.get $w) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bytes)))
    ;; fold the four bytes of the word into one
    (local.set $w (i32.xor (local.get $w) (i32.shr_u (local.get $w) (i32.const 16))))
    (i32.and (i32.xor (local.get $w) (i32.shr_u (local.get $w) (i32.const 8))) (i32.const 255))))
