/**
 * What the File menu, a drop, a second launch, a macOS open-file and a `runlens://` link do with
 * stores: open them (remembering them in Open Recent), close the one the window shows, and point the
 * window at a link's view. Electron objects are passed in, so every path runs against fakes.
 * `service` must be wrapped by `rememberingOpens(…, actions.remember)` for Open Recent to fill.
 */
import type { Dialog, MessageBoxOptions } from 'electron';
import { METHOD_NAMES, type RunlensHandlers, type StoreInfo } from '../shared/common/contract';
import { parseDeepLink, routeHashFor, storeIdsInRoute } from '../shared/node/desktop/deepLink';
import type { RecentStores } from '../shared/node/desktop/recentStores';
import type { StoresChangedEvent } from './bridge';
import type { OpenPathsAnswer } from './desktopBridge';
import { describeFailures, openLocations } from './storeOpener';

export type StoreService = Pick<RunlensHandlers, 'openStore' | 'listStores' | 'closeStore'>;

/**
 * The handlers with `openStore` reporting each store it opened to `remember`, so Open Recent lists
 * what the user opened from the menu, a drop, a link or the renderer alike.
 */
export function rememberingOpens(
  handlers: RunlensHandlers,
  remember: (store: StoreInfo) => void,
): RunlensHandlers {
  // Copied method by method: `handlers` may be a class instance, whose spread would lose methods.
  const copy = Object.fromEntries(METHOD_NAMES.map((name) => [name, handlers[name]]));
  return {
    ...(copy as RunlensHandlers),
    openStore: async (request, ctx) => {
      const result = await handlers.openStore(request, ctx);
      if (result.ok) remember(result.value);
      return result;
    },
  };
}

export interface StoreActionsDeps {
  service: StoreService;
  recents: Pick<RecentStores, 'add' | 'remove' | 'clear' | 'list'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The window's current URL ('' without a window). */
  currentUrl: () => string;
  /** Tells the renderer the set of stores changed (STORES_CHANGED_CHANNEL). */
  notifyStores: (event: StoresChangedEvent) => void;
  /** Shows one of the renderer's hash routes (`#/run/s1/r1`). */
  navigate: (hash: string) => void;
  /** Open Recent changed: rebuild the menu. */
  recentsChanged: () => void;
  /** The OS's own recent documents (macOS Dock, Windows jump list); local paths only. */
  addRecentDocument: (path: string) => void;
}

const isLocal = (location: string): boolean => !/^[a-z][a-z0-9+.-]*:\/\//i.test(location);

export class StoreActions {
  constructor(private readonly deps: StoreActionsDeps) {}

  /** Remembers a store that opened and can be read (see rememberingOpens). */
  remember(store: StoreInfo): void {
    if (store.state !== 'ready') return;
    try {
      if (!this.deps.recents.add(store.location, store.displayName)) return;
      if (isLocal(store.location)) this.deps.addRecentDocument(store.location);
      this.deps.recentsChanged();
    } catch (err) {
      console.error('runlens: could not update the recent stores:', err);
    }
  }

  /** Opens the locations; failures are shown in one dialog. Resolves with the last store opened. */
  async open(locations: readonly string[]): Promise<OpenPathsAnswer & { storeId?: string }> {
    if (locations.length === 0) return { opened: 0, failed: 0 };
    const outcome = await openLocations(this.deps.service, locations);
    if (outcome.event) this.deps.notifyStores(outcome.event);
    const failed = outcome.failures.length;
    if (failed > 0)
      this.showError('Runlens could not open a store', describeFailures(outcome.failures));
    const answer: OpenPathsAnswer & { storeId?: string } = {
      opened: locations.length - failed,
      failed,
    };
    if (outcome.event?.openedStoreId !== undefined) answer.storeId = outcome.event.openedStoreId;
    return answer;
  }

  /** Open Recent: a store that vanished since the menu was built is offered for removal. */
  async openRecent(location: string): Promise<void> {
    const entry = this.deps.recents.list().find((r) => r.location === location);
    if (entry?.missing) {
      const { response } = await this.deps.dialog.showMessageBox({
        type: 'warning',
        message: `${location} no longer exists`,
        detail: 'It may have been moved, renamed or deleted.',
        buttons: ['Remove from Recent', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response === 0) {
        this.deps.recents.remove(location);
        this.deps.recentsChanged();
      }
      return;
    }
    await this.open([location]);
  }

  clearRecent(): void {
    this.deps.recents.clear();
    this.deps.recentsChanged();
  }

  /** A `runlens://` link: open its store, then show its run or experiment. */
  async openLink(link: string): Promise<void> {
    const target = parseDeepLink(link);
    if (target === null) {
      this.showError(
        'Runlens cannot open this link',
        `${link}\n\nIt is not a runlens://open link.`,
      );
      return;
    }
    const { storeId } = await this.open([target.location]);
    if (storeId === undefined) return;
    const hash = routeHashFor(target, storeId);
    if (hash !== null) this.deps.navigate(hash);
  }

  /**
   * File ▸ Close Store: the store the window shows (from its route); else the only open store; else
   * the user picks one.
   */
  async closeCurrent(): Promise<void> {
    const list = await this.deps.service.listStores({});
    if (!list.ok || list.value.length === 0) return;
    const stores = list.value;
    const shown = storeIdsInRoute(this.deps.currentUrl());
    let target = stores.find((s) => shown.includes(s.storeId));
    if (!target && stores.length === 1) target = stores[0];
    if (!target) {
      const { response } = await this.deps.dialog.showMessageBox({
        type: 'question',
        message: 'Close which store?',
        buttons: [...stores.map((s) => s.displayName), 'Cancel'],
        cancelId: stores.length,
      });
      target = stores[response];
    }
    if (!target) return;
    const closed = await this.deps.service.closeStore({ storeId: target.storeId });
    if (!closed.ok) {
      this.showError('Runlens could not close the store', closed.error.message);
      return;
    }
    const after = await this.deps.service.listStores({});
    if (after.ok) this.deps.notifyStores({ stores: after.value });
    if (shown.includes(target.storeId)) this.deps.navigate('#/');
  }

  private showError(message: string, detail: string): void {
    console.error(`runlens: ${message}:\n${detail}`);
    const options: MessageBoxOptions = { type: 'error', message, detail };
    this.deps.dialog.showMessageBox(options).catch(() => undefined);
  }
}
