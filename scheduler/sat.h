/*
 * sat.h - a clause-learning satisfiability solver for the questions of
 * brokerage days (b2b_sat.c).
 *
 * Private to the library.  It follows MiniSat 2.2 (Eén and Sörensson):
 * two watched literals with a blocking literal, activity-ordered decisions
 * (VSIDS), first-UIP learning with recursive minimisation, and halving the
 * learnt clauses by activity; restarts are geometric (100 conflicts, then
 * 1.5 times more each time, truncated, as MiniSat 1.14), and each decision
 * takes the variable's target phase: its value in the longest assignment
 * met since the last restart (CaDiCaL's target phases, Biere and Fleury
 * 2020), which keeps the search near the assignment that came closest to
 * a model.  With fixed phases (rs_sat_fix_phases) every decision takes the
 * phase given instead, with 2% random decisions, as GLPK's MiniSat does
 * with its phases.  On most questions of the twenty published forums it
 * answers two to five times sooner than GLPK's glp_minisat1 (MiniSat 1.14,
 * which keeps no phases; docs/solving.md, "Brokerage days", step 5), and
 * unlike it, it takes a starting phase per variable (a timetable to search
 * around), stops at a deadline, and counts its work (the watches it
 * visits), a measure that does not depend on the machine or its load.
 *
 * Variables are 1..nvar; a literal is +v or -v, as in DIMACS.  Everything
 * is deterministic: the same clauses added in the same order give the same
 * answer, the same model and the same counts.
 */
#ifndef RS_SAT_H
#define RS_SAT_H

typedef struct rs_sat rs_sat;

typedef enum {
    RS_SAT_UNKNOWN = 0, /* stopped: the deadline came                     */
    RS_SAT_SAT = 10,    /* satisfiable: rs_sat_value gives a model          */
    RS_SAT_UNSAT = 20,  /* proven unsatisfiable                             */
    RS_SAT_NOMEM = -1   /* memory ran out                                   */
} rs_sat_result;

/* A solver over variables 1..nvar, every phase false; the caller's, freed
 * with rs_sat_free; NULL when memory ran out. */
rs_sat *rs_sat_new(int nvar);

/* Adds the clause lit[0..n-1] (each 1 <= |lit| <= nvar); duplicates and
 * tautologies are handled, n = 0 makes the formula unsatisfiable.  Clauses
 * are added before rs_sat_solve.  0, or -1 when memory ran out. */
int rs_sat_add(rs_sat *s, const int *lit, int n);

/* The value tried first for variable v (0 or 1): the starting target
 * phase, which the longest assignments met then replace. */
void rs_sat_phase(rs_sat *s, int v, int value);

/* With fixed set, every decision takes the phase given by rs_sat_phase
 * (false by default), with no target phases and no phase saved: each
 * descent starts from the same assignment, the one given. */
void rs_sat_fix_phases(rs_sat *s, int fixed);

/* Has rs_sat_solve call fn(ctx, work) after a conflict once every `every`
 * units of work or so (2^22 is some ten times a second): how far the
 * search got (rs_sat_work), in a measure that is the same in every run.
 * fn NULL: none. */
void rs_sat_on_progress(rs_sat *s, long long every, void (*fn)(void *ctx, long long work),
                        void *ctx);

/* Solves, stopping at the deadline (rs_now() seconds, looked at every 256
 * conflicts; <= 0: none).  Once per solver. */
rs_sat_result rs_sat_solve(rs_sat *s, double deadline);

/* Variable v's value (0 or 1) in the model after RS_SAT_SAT. */
int rs_sat_value(const rs_sat *s, int v);

/* The solver's work so far: the watches it visited while propagating,
 * which follows the time taken more closely than the propagations (a
 * literal watched by many clauses costs more), and is the same in every
 * run. */
long long rs_sat_work(const rs_sat *s);

/* Conflicts met so far. */
long long rs_sat_conflicts(const rs_sat *s);

/* Frees s; accepts NULL. */
void rs_sat_free(rs_sat *s);

#endif /* RS_SAT_H */
