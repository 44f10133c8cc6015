import type { FineAtoms } from './respondent-bounds.js';

/**
 * The Venn regions ("cells") of everything released so far in a cycle.
 *
 * Every released number is a sum over its group's respondents, and a group is a union of
 * cells, so any linear combination an attacker can form is constant on each cell: the
 * finest thing anyone can learn is a cell's total. The guard therefore keeps one
 * invariant: every cell inside at least one released group has a proven lower bound of
 * at least the strictest threshold of the releases covering it (each release carries
 * its own k; a person is owed the largest k any release about them promised) and at
 * least `minInvited` invited members (a derived
 * cell is a report like any other, so a team too small for its own report must not
 * reappear as a difference). That covers parent-minus-child, complementary suppression,
 * nested and overlapping groups, and longer chains of them, in one rule.
 */

interface Cell {
  /** Fine atoms in this cell. */
  readonly atoms: readonly number[];
  /** Indices of released sets that contain the cell; empty = nobody reported on it yet. */
  readonly containers: readonly number[];
}

export type AddCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** 'inside': the too-small cell lies inside the candidate; 'outside': it is left over next to it. */
      readonly side: 'inside' | 'outside';
      /** Released sets containing the too-small cell (empty if only the candidate would). */
      readonly containers: readonly number[];
    };

export class ReleasedPartition {
  private cells: Cell[];
  private readonly cellOfAtom: number[];
  private readonly released: number[] = [];

  constructor(
    private readonly fine: FineAtoms,
    /** the respondent threshold each set was released (or is to be released) under */
    private readonly thresholdOf: (setIndex: number) => number,
    private readonly minInvited: number,
  ) {
    const allAtoms = fine.size.map((_, atom) => atom);
    this.cells = [{ atoms: allAtoms, containers: [] }];
    this.cellOfAtom = allAtoms.map(() => 0);
  }

  releasedSets(): readonly number[] {
    return this.released;
  }

  check(setIndex: number): AddCheck {
    for (const [cellId, inside] of this.split(setIndex)) {
      const cell = this.cells[cellId];
      if (!cell) continue;
      if (!this.isReportable(inside, [...cell.containers, setIndex])) {
        return { ok: false, side: 'inside', containers: cell.containers };
      }
      if (cell.containers.length > 0 && inside.length < cell.atoms.length) {
        const insideSet = new Set(inside);
        const outside = cell.atoms.filter((atom) => !insideSet.has(atom));
        if (!this.isReportable(outside, cell.containers)) {
          return { ok: false, side: 'outside', containers: cell.containers };
        }
      }
    }
    return { ok: true };
  }

  /** Records a release without checking it: used for what the ledger says is already out. */
  add(setIndex: number): void {
    for (const [cellId, inside] of this.split(setIndex)) {
      const cell = this.cells[cellId];
      if (!cell) continue;
      const insideSet = new Set(inside);
      const outside = cell.atoms.filter((atom) => !insideSet.has(atom));
      const insideCell: Cell = { atoms: inside, containers: [...cell.containers, setIndex] };
      if (outside.length === 0) {
        this.cells[cellId] = insideCell;
        continue;
      }
      this.cells[cellId] = { atoms: outside, containers: cell.containers };
      const newId = this.cells.length;
      this.cells.push(insideCell);
      for (const atom of inside) this.cellOfAtom[atom] = newId;
    }
    this.released.push(setIndex);
  }

  private split(setIndex: number): Map<number, number[]> {
    const byCell = new Map<number, number[]>();
    for (const atom of this.fine.atomsOfSet[setIndex] ?? []) {
      const cellId = this.cellOfAtom[atom] ?? 0;
      const list = byCell.get(cellId);
      if (list) list.push(atom);
      else byCell.set(cellId, [atom]);
    }
    return byCell;
  }

  private isReportable(atoms: readonly number[], containers: readonly number[]): boolean {
    let respondents = 0;
    let invited = 0;
    for (const atom of atoms) {
      respondents += this.fine.low[atom] ?? 0;
      invited += this.fine.size[atom] ?? 0;
    }
    const threshold = Math.max(...containers.map((set) => this.thresholdOf(set)));
    return respondents >= threshold && invited >= this.minInvited;
  }
}
