/*
 * group.h - the group-pitch format (rules.format "group"): an SME pitches
 * to a panel of investors at once.
 *
 * Private to the library.  The format's solver (rs_format_group, group.c)
 * runs its phases in rs_solve's guarded GLPK call: everything they
 * allocate hangs off the solver's state, which rs_solve has it free
 * whatever happens (also after GLPK's error hook has long-jumped out).
 *
 * What a pitch is: one SME, one slot, one room, and a panel of investors,
 * each an allowed pair with the SME, at least group_min_investors of them,
 * and the SME's team plus the panel's teams within the room's capacity
 * (rule 3 counts people; since every team has at least one person, it is
 * always at least as strict as rule 4's "at most capacity investors").
 * The room's capacity is a ceiling, not a quota: a panel grows only while
 * the objective gains by it.  A pitch scores the sum of its investors'
 * pair scores; an investor's meetings are the pitches it hears and an
 * SME's are its pitches, for max_meetings, the consecutive limit, travel,
 * shortfalls and idle slots alike.
 *
 * How it is solved (group.c's phase table): a trivial bound and the
 * selection bound (group_model.c); a greedy construction and a local
 * search (adding, swapping and moving panel members, adding, moving and
 * dropping pitches), then ruin-and-recreate of whole slots (group_heur.c),
 * give the first schedule; a large-neighbourhood search whose
 * neighbourhoods are small GLPK programs of the compact model below
 * (group_lns.c) improves it; the LP relaxation of the compact model
 * gives a proven bound; GLPK's branch and cut then works on the model
 * with the heuristic schedule as its first incumbent, within the time
 * limit and gap.
 *
 * The compact model: y[s,k,v,q] = SME s pitches in slot k at venue v in a
 * room holding q people (q one of the venue's room sizes free at k);
 * x[i,s,k,v] = investor i hears that pitch.  x <= sum_q y; the panel's
 * people fit q (sum team_i x <= sum_q (q - team_s) y); the panel has at
 * least group_min_investors (sum x >= gmin * sum_q y); pitches needing q
 * or more seats never outnumber the rooms holding q or more (nested sizes,
 * so rooms are assigned exactly after solving); a pair at most once, a
 * must pair exactly once; and the per-participant rows of model.c
 * (maximum, soft minimum, consecutive limit, travel, idle slots) over the
 * x columns of each investor and the y columns of each SME.  Its objective
 * is the contract's, so its optimum is the true optimum.
 */
#ifndef RS_GROUP_H
#define RS_GROUP_H

#include "phase.h"

/* The group format's solver: pre-check, phases and result (group.c). */
extern const rs_format rs_format_group;

#endif /* RS_GROUP_H */
