// sigload's browser signer: runs in every document of one participant's browser context before the
// page's own scripts (WebDriver BiDi script.addPreloadScript). It installs @sinonjs/fake-timers
// (bundled into sigload's jar, wrapped below as a CommonJS module) on Date and performance at the
// participant's instant, and, for hook pages, defines window.sigloadParticipant. sigload replaces
// the two markers: the JSON settings and the fake-timers source.
() => {
  const settings = /*SIGLOAD_SETTINGS*/null;
  const module = { exports: {} };
  const require = (name) => {
    if (name === '@sinonjs/commons') return { global: globalThis };
    throw new Error(`not available in a page: ${name}`); // fake-timers tries node's timers modules
  };
  (function (module, exports, require) {
    /*SIGLOAD_FAKE_TIMERS*/
  })(module, module.exports, require);
  // the first navigation from a new tab's about:blank may keep its window: set the clock again, once
  if (globalThis.__sigloadClock) {
    globalThis.__sigloadClock.setSystemTime(settings.nowMillis);
  } else {
    Object.defineProperty(globalThis, '__sigloadClock', {
      value: module.exports.withGlobal(globalThis).install({
        now: settings.nowMillis,
        toFake: ['Date', 'performance'],
        shouldAdvanceTime: settings.ticking,
      }),
    });
  }
  if (settings.participant && !('sigloadParticipant' in window)) {
    Object.defineProperty(window, 'sigloadParticipant', { value: Object.freeze(settings.participant) });
  }
}
