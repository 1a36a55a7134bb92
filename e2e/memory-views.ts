/**
 * The memory views as the e2e specs see them (beside LabPage): the central panel's tabs, the
 * allocator's pool details, the collector's gauges and the chart's markers; and moving the
 * timeline to the step where a line of the module is about to run.
 */

import { expect, type Locator } from '@playwright/test';
import type { LabPage } from './lab-page';

export class MemoryViews {
  /** The central panel, whichever view it shows (its region is named after the view). */
  readonly centre: Locator;
  readonly allocator: Locator;
  readonly collector: Locator;
  readonly memory: Locator;

  constructor(readonly lab: LabPage) {
    const page = lab.page;
    this.centre = page.locator('section.area-graph');
    this.allocator = page.getByRole('region', { name: 'Allocator (pymalloc)' });
    this.collector = page.getByRole('region', { name: 'Collector', exact: true });
    this.memory = page.getByRole('region', { name: 'Memory over time' });
  }

  tab(name: 'Graph' | 'Allocator' | 'Collector' | 'Memory over time'): Locator {
    return this.lab.page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name, exact: true });
  }

  /** A size class's button in the allocator view ("16 B"): it shows that class's pool. */
  sizeClass(bytes: number): Locator {
    return this.allocator.getByRole('region', { name: 'Size classes' }).getByRole('button', {
      name: `${bytes} B`,
      exact: true,
    });
  }

  get freeList(): Locator {
    return this.allocator.getByRole('list', { name: 'Free list' });
  }

  get selectedBlock(): Locator {
    return this.allocator.getByLabel("Selected object's block");
  }

  /** The collector view's gauge of generation `g`, named "Generation g: count of threshold". */
  gauges(): Locator {
    return this.collector.getByRole('list', { name: 'Generations' });
  }

  /** The chart's list of collections and events (buttons named "gen 0 collection at step N"). */
  markers(): Locator {
    return this.memory.getByRole('region', { name: 'Markers' });
  }

  chart(): Locator {
    return this.memory.getByRole('img', { name: 'Memory over time' });
  }

  /** The collections marked under the step slider. */
  timelineMarks(): Locator {
    return this.lab.timeline.locator('.step-mark');
  }

  /**
   * Steps until `line` of the module is about to run: forward from the first step, or backward
   * from the last (each step fetches a snapshot: start from the nearer end).
   */
  async goToLine(line: number, from: 'start' | 'end' = 'start'): Promise<void> {
    const jump = this.lab.timelineButton(from === 'start' ? 'To start' : 'To end');
    // Disabled when the timeline is there already (a run opens at its last step).
    if (await jump.isEnabled()) await jump.click();
    const key = from === 'start' ? 'F10' : 'Shift+F10';
    await expect(async () => {
      if (!new RegExp(`line ${line}$`).test((await this.lab.stepCounter.textContent()) ?? ''))
        await this.lab.page.keyboard.press(key);
      await expect(this.lab.stepCounter).toContainText(new RegExp(`line ${line}$`), { timeout: 300 });
    }).toPass({ intervals: [0], timeout: 15_000 });
  }
}

/** gc.get_count()'s printed tuple as numbers. */
export function counts(printed: string): number[] {
  return printed
    .replace(/[()\s]/g, '')
    .split(',')
    .map(Number);
}
