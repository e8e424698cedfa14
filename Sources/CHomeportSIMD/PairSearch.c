// Teddy-style search for the prefilter's anchor pairs: sixteen or thirty-two positions at a time,
// each byte's two nibbles looked up in masks by `pshufb`, the pair's four masks ANDed; only the
// positions the masks admit are looked up in the pair table.

#include "HomeportSIMD.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define HOMEPORT_X86 1
#endif

/// The pair at `b + i` as the table's index: its little-endian 16-bit word.
static inline unsigned pair_at(const uint8_t *b, size_t i) { return (unsigned)b[i] | (unsigned)b[i + 1] << 8; }

/// The positions left to the vector loops, one at a time.
static size_t next_anchor_scalar(const uint16_t *table, const uint8_t *b, size_t i, size_t n) {
    for (; i + 2 <= n; i++) {
        if (table[pair_at(b, i)]) return i;
    }
    return i;
}

/// The first position of `hits` (bit k: position i + k) whose pair the table marks, or `none`.
static inline size_t first_marked(const uint16_t *table, const uint8_t *b, size_t i, unsigned hits, size_t none) {
    while (hits) {
        size_t at = i + (size_t)__builtin_ctz(hits);
        if (table[pair_at(b, at)]) return at;
        hits &= hits - 1;
    }
    return none;
}

#ifdef HOMEPORT_X86

int homeport_pair_search_level(void) {
    // Asked with `cpuid` itself: `__builtin_cpu_supports` links libgcc's CPU model, whose
    // constructor runs at every start-up, `homeport --version` included.
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int level = (c >> 9) & 1;  // SSSE3
    // AVX2 needs the system to save the YMM registers (OSXSAVE, then XCR0 bits 1 and 2).
    if (((c >> 27) & 1) && ((c >> 28) & 1) && __get_cpuid_max(0, 0) >= 7) {
        unsigned low, high;
        __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        (void)high;
        __cpuid_count(7, 0, a, b, c, d);
        if ((low & 6) == 6 && ((b >> 5) & 1)) level = 2;
    }
    return level;
}

__attribute__((target("ssse3")))
static size_t next_anchor_ssse3(const uint8_t *m, const uint16_t *table, const uint8_t *b, size_t i, size_t n) {
    const __m128i first_low = _mm_loadu_si128((const __m128i *)m);
    const __m128i first_high = _mm_loadu_si128((const __m128i *)(m + 16));
    const __m128i second_low = _mm_loadu_si128((const __m128i *)(m + 32));
    const __m128i second_high = _mm_loadu_si128((const __m128i *)(m + 48));
    const __m128i bit5 = _mm_set1_epi8(0x20), nibble = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
    // The pairs starting at i ... i + 15 end by i + 16.
    while (i + 17 <= n) {
        __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(b + i)), bit5);
        __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(b + i + 1)), bit5);
        __m128i first = _mm_and_si128(_mm_shuffle_epi8(first_low, _mm_and_si128(x, nibble)),
                                      _mm_shuffle_epi8(first_high, _mm_and_si128(_mm_srli_epi16(x, 4), nibble)));
        __m128i second = _mm_and_si128(_mm_shuffle_epi8(second_low, _mm_and_si128(y, nibble)),
                                       _mm_shuffle_epi8(second_high, _mm_and_si128(_mm_srli_epi16(y, 4), nibble)));
        unsigned hits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(first, second), zero)) ^ 0xFFFFu;
        if (hits) {
            size_t at = first_marked(table, b, i, hits, SIZE_MAX);
            if (at != SIZE_MAX) return at;
        }
        i += 16;
    }
    return next_anchor_scalar(table, b, i, n);
}

__attribute__((target("avx2")))
static size_t next_anchor_avx2(const uint8_t *m, const uint16_t *table, const uint8_t *b, size_t i, size_t n) {
    // `vpshufb` looks up within each 128-bit lane: the same masks in both.
    const __m256i first_low = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)m));
    const __m256i first_high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(m + 16)));
    const __m256i second_low = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(m + 32)));
    const __m256i second_high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(m + 48)));
    const __m256i bit5 = _mm256_set1_epi8(0x20), nibble = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    // The pairs starting at i ... i + 31 end by i + 32.
    while (i + 33 <= n) {
        __m256i x = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(b + i)), bit5);
        __m256i y = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(b + i + 1)), bit5);
        __m256i first = _mm256_and_si256(
            _mm256_shuffle_epi8(first_low, _mm256_and_si256(x, nibble)),
            _mm256_shuffle_epi8(first_high, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble)));
        __m256i second = _mm256_and_si256(
            _mm256_shuffle_epi8(second_low, _mm256_and_si256(y, nibble)),
            _mm256_shuffle_epi8(second_high, _mm256_and_si256(_mm256_srli_epi16(y, 4), nibble)));
        unsigned hits = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(first, second), zero));
        if (hits) {
            size_t at = first_marked(table, b, i, hits, SIZE_MAX);
            if (at != SIZE_MAX) return at;
        }
        i += 32;
    }
    return next_anchor_ssse3(m, table, b, i, n);
}

size_t homeport_next_anchor(const uint8_t *masks, const uint16_t *table, const uint8_t *bytes, size_t start,
                            size_t count, int level) {
    if (level >= 2) return next_anchor_avx2(masks, table, bytes, start, count);
    if (level == 1) return next_anchor_ssse3(masks, table, bytes, start, count);
    return next_anchor_scalar(table, bytes, start, count);
}

#else

int homeport_pair_search_level(void) { return 0; }

size_t homeport_next_anchor(const uint8_t *masks, const uint16_t *table, const uint8_t *bytes, size_t start,
                            size_t count, int level) {
    (void)masks;
    (void)level;
    return next_anchor_scalar(table, bytes, start, count);
}

#endif
