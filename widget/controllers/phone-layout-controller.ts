/**
 * Whether the page is narrow enough that the open chat window covers the whole screen (the phone layout
 * of shop-chat.styles.ts), where the window is modal. Follows the viewport as it changes (rotation).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Up to this viewport width (px) the open window covers the screen; keep in step with the styles. */
const FULL_SCREEN_MAX_WIDTH_PX = 480;

/** Tracks the phone layout for a host and re-renders it when the layout changes. */
export class PhoneLayoutController implements ReactiveController {
  /** The open window covers the whole screen. */
  fullScreen = false;
  private readonly query = window.matchMedia?.(`(max-width: ${FULL_SCREEN_MAX_WIDTH_PX}px)`);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.update();
    this.query?.addEventListener('change', this.update);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.update);
  }

  private readonly update = (): void => {
    const fullScreen = this.query?.matches ?? false;
    if (fullScreen === this.fullScreen) return;
    this.fullScreen = fullScreen;
    this.host.requestUpdate();
  };
}
