/*
 * group_heur.h - the group format's heuristic timetable: a greedy
 * construction, a local search (adding, swapping and moving panel members,
 * adding, moving and dropping pitches) and ruin-and-recreate of whole
 * slots or SMEs (group_heur.c).
 *
 * Private to the library.  The timetable keeps per participant and slot
 * the pitch it is in, so that every move is checked and valued locally.
 * An rs_gt lives inside its owner (the group solver's state), is set up
 * with rs_gt_init and freed with rs_gt_free; the event and the candidate
 * lists are borrowed and outlive it.
 */
#ifndef RS_GROUP_HEUR_H
#define RS_GROUP_HEUR_H

#include "internal.h"
#include "keep.h"

#include <signal.h>
#include <stdint.h>

/* One pitch: an SME, its slot and room, its panel and the people in the
 * room (the SME's team and the panel's teams). */
typedef struct {
    int slot, room, sme, ninv, people;
    int locked; /* kept as it is (rule 10): no move touches it */
    int *inv;   /* room for the room's capacity */
} rs_pitch;

/* The heuristic's timetable: the pitches, and per participant and slot
 * the pitch it is in, so that every move is checked and valued locally. */
typedef struct {
    const rs_event *ev;
    int ns;
    const int *cand, *cand_start; /* per SME column: pair indices, best first */
    rs_pitch *pt;
    int npt, cappt;
    int *at;              /* np x ns: pitch index or -1                    */
    unsigned char *busy;  /* np x ns: 1 when in a pitch                    */
    int *venue;           /* np x ns: venue of that pitch or -1            */
    int *room_at;         /* nrooms x ns: pitch index or -1                */
    int *count;           /* per participant: pitches given or heard       */
    unsigned char *heard; /* ninv x nsme                                   */
    /* scratch for panels */
    double *val;
    int *who, *order, *tmp, *keep;
    int *people;          /* np: the people of pitches being re-timed    */
    int *korder;          /* ns: the order new pitches try the slots in  */
    int *blk;             /* 2 nrooms: the pitches of two slots          */
    uint64_t rng;         /* the ruin-and-recreate draws (rs_xorshift64) */
    int panel_limit;      /* most investors a new panel takes            */
    double away_cost;     /* panel order: cost of another venue's meeting
                             on the day (gt_away in group_heur.c)        */
    double seat_price;    /* what a seat beyond a panel's minimum must
                             add to be taken (rs_gt_seat_price)          */
    const rs_keep *prev;  /* re-scheduling (borrowed), or NULL: each seat
                             in its previous slot and room earns move    */
} rs_gt;

/* The pair score of investor inv with SME sme, an allowed pair. */
static inline double rs_group_pair_score(const rs_event *ev, int inv, int sme)
{
    return ev->pairs[rs_pair_index(ev, inv, sme)].score;
}

/* Allocates an empty timetable for the event with the SMEs' candidate
 * pairs (cand[cand_start[c] .. cand_start[c + 1] - 1] for SME column c,
 * best first; borrowed).  0, or -1 when out of memory (free it with
 * rs_gt_free all the same). */
int rs_gt_init(rs_gt *h, const rs_event *ev, const int *cand, const int *cand_start);
/* The pitches an event can hold against those its SMEs want, from counts
 * alone (ncand: each participant's candidates, rs_pair_degrees). */
typedef struct {
    long inv_cap;    /* the investors' capacities (rs_participant_capacity) */
    long wanted;     /* the SMEs' minimums within their capacities, of the
                        SMEs with group_min_investors candidates or more  */
    long room_slots; /* the open room-slots, one pitch each at most       */
} rs_pitch_supply;
void rs_pitch_supply_of(const rs_event *ev, const int *ncand, rs_pitch_supply *s);
/* What a panel seat beyond group_min_investors must add before the
 * heuristic fills it: where the investors' seats, not the room-slots, are
 * what keeps SMEs below their minimums (rs_pitch_supply: all the seats
 * hold fewer minimal panels than the SMEs want and than the room-slots),
 * the shortfall weight over group_min_investors, a seat's share of a
 * pitch that lifts an SME to its minimum; 0 otherwise.  A seat spent on a
 * full panel is one that such a pitch lacks.  ncand as for
 * rs_pitch_supply_of. */
double rs_gt_seat_price(const rs_event *ev, const int *ncand);
/* Frees the timetable's arrays and zeroes it; accepts a zeroed one. */
void rs_gt_free(rs_gt *h);
/* Whether investor inv is on a panel of SME sme's. */
int rs_gt_heard(const rs_gt *h, int inv, int sme);
/* Re-scheduling (h->prev set, the timetable empty): puts the previous
 * schedule's pitches back, slot by slot.  Locked ones go in exactly as
 * they were and are marked locked (rs_check_locked has judged them
 * together); each other previous pitch goes back with those of its panel
 * members who may still hear it there under every hard rule, when they
 * are enough for a panel.  0, or -1 when out of memory. */
int rs_gt_place_previous(rs_gt *h);
/* The objective plus the keep bonus of every seat still in its previous
 * place: what re-scheduling maximises (rs_gt_objective without a keep). */
double rs_gt_combined(const rs_gt *h);
/* Greedy construction: must pairs first, then rounds in which every SME
 * (in sme_order) gets at most one more minimal pitch while a pitch adds
 * value.  buf holds a panel (ninv ints).  0, or -1 when out of memory. */
int rs_gt_construct(rs_gt *h, const int *sme_order, int *buf);
/* Local search until no move improves, the deadline (rs_now() seconds)
 * or *interrupt (may be NULL).  Returns the number of improving moves, -1
 * when out of memory. */
long rs_gt_improve(rs_gt *h, const int *sme_order, int *buf, double deadline,
                   volatile sig_atomic_t *interrupt);
/* Re-timing: swaps the places (slot and room) of two pitches, or moves a
 * pitch to a free room, whenever every rule still holds and the people
 * involved have fewer idle slots (travel between venues leaves slots
 * idle), until no swap helps, the deadline or *interrupt (may be NULL).
 * Panels and scores stay.  Returns the number of swaps made. */
long rs_gt_retime(rs_gt *h, double deadline, volatile sig_atomic_t *interrupt);
/* Ruin and recreate for a fixed number of rounds (so that runs repeat
 * exactly; the deadline and *interrupt only guard), keeping a round's
 * result when it is no worse and meets no fewer must pairs.  0, or -1
 * when out of memory. */
int rs_gt_perturb(rs_gt *h, long rounds, const int *sme_order, int *buf, double deadline,
                  volatile sig_atomic_t *interrupt);
/* A saved timetable: slot, room, SME, panel size, locked, then the
 * panel, per pitch.  Zero it before first use; its owner frees v. */
typedef struct {
    int *v;
    size_t n, cap;
} rs_gtsave;
/* Saves the pitches into g (emptied first); 0, or -1 when out of memory. */
int rs_gt_save(const rs_gt *h, rs_gtsave *g);
/* Replaces the timetable with the pitches saved in g; 0, or -1 when out
 * of memory. */
int rs_gt_restore(rs_gt *h, const rs_gtsave *g);
/* Single edits for the large-neighbourhood search, which checks the rules
 * itself (rs_gt_valid afterwards): a pitch of SME s in slot k and room r
 * with panel inv[0..n-1] (returns its index, -1 when out of memory);
 * removing pitch pi (the last pitch takes its index); investor i joining
 * pitch pi; removing the panel member at position j of pitch pi. */
int rs_gt_add_pitch(rs_gt *h, int s, int k, int r, const int *inv, int n);
void rs_gt_remove_pitch(rs_gt *h, int pi);
void rs_gt_add_inv(rs_gt *h, int pi, int i);
void rs_gt_remove_inv(rs_gt *h, int pi, int j);
/* Whether every hard rule holds: panels at least group_min_investors,
 * allowed pairs, each heard once, people within the room, rooms open and
 * used once, and per participant its maximum, availability, consecutive
 * limit and travel.  False also when out of memory. */
int rs_gt_valid(rs_gt *h);
/* The keep bonus of investor i hearing SME s in slot k and room r
 * (rs_keep_bonus; 0 when not re-scheduling). */
double rs_gt_keep(const rs_gt *h, int i, int s, int k, int r);
/* Whether participant p's row keeps availability, the consecutive limit,
 * travel and its gap cap (each meeting could be added to the others as
 * they stand). */
int rs_gt_row_ok(rs_gt *h, int p);
/* Re-routing (group_route.c): each investor in turn leaves every panel it
 * may leave (not locked, not a must, not needed for group_min_investors)
 * and takes the best set of pitches there is for it with every pitch
 * where it is, until no investor gains, the deadline or *interrupt (may
 * be NULL).  Returns the number of investors whose day improved, -1 when
 * out of memory (the timetable is then valid, some days not improved). */
long rs_gt_reroute(rs_gt *h, double deadline, volatile sig_atomic_t *interrupt);
/* Contract objective of the timetable, from scratch. */
double rs_gt_objective(const rs_gt *h);
/* Whether everyone's gaps are within their max_idle_gaps (rule 12).
 * Emptying slots can open gaps that rebuilding does not close, and a
 * re-scheduling may start from locked pitches whose gaps only a pitch of
 * the previous schedule that is gone filled. */
int rs_gt_caps_ok(const rs_gt *h);
/* Must pairs not yet in a pitch. */
int rs_gt_missing_musts(const rs_gt *h);
/* Copies the timetable into a new schedule (sorted), owned by the caller;
 * NULL when out of memory. */
rs_schedule *rs_gt_to_schedule(const rs_gt *h);

#endif /* RS_GROUP_HEUR_H */
