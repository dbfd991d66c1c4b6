// sigload's browser signer: the function it calls in the participant's page (WebDriver BiDi
// script.callFunction, awaited). One argument, a JSON string: {mode: "function"|"hook", path, args
// (list or mapping of sources), values (the participant's inputs), result, timeoutMillis}. It
// answers a JSON string: {signature} or {fault: CATEGORY, message}. setTimeout is the page's real
// one (only Date and performance are faked), so the time limit is real time.
async (json) => {
  const c = JSON.parse(json);
  const describe = (v) => {
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    if (typeof v === 'string') return v === '' ? 'an empty string' : `the string '${v.slice(0, 60)}'`;
    if (typeof v === 'object') {
      let keys = [];
      try { keys = Object.keys(v).slice(0, 8); } catch (e) { /* exotic */ }
      return `${Array.isArray(v) ? 'an array' : 'an object'} with keys [${keys.join(', ')}]`;
    }
    return `${typeof v} ${String(v).slice(0, 60)}`;
  };
  const thrown = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : `a non-Error value: ${describe(e)}`);
  const lookup = (path) => path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), window);
  const pick = (v) => {
    if (!c.result) return v;
    for (const k of c.result.split('.')) v = v === null || typeof v !== 'object' ? undefined : v[k];
    return v;
  };
  let timer;
  const NO_RESULT = {};
  const deadline = new Promise((resolve) => { timer = setTimeout(() => resolve(NO_RESULT), c.timeoutMillis); });
  const done = (value, what) => {
    clearTimeout(timer);
    const sig = pick(value);
    if (typeof sig !== 'string' || sig === '') {
      return { fault: 'BROWSER_NOT_STRING', message: `${what} gave ${describe(value)}`
        + `${c.result ? ` (result: ${c.result} is ${describe(sig)})` : ''}, not a signature string` };
    }
    return { signature: sig };
  };
  const answer = async () => {
    if (c.mode === 'hook') {
      for (;;) {
        const v = lookup(c.path);
        if (v !== undefined && v !== null) {
          try {
            const got = await Promise.race([Promise.resolve(v), deadline]);
            if (got === NO_RESULT) break;
            return done(got, `window.${c.path}`);
          } catch (e) {
            return { fault: 'BROWSER_THREW', message: `window.${c.path} rejected with ${thrown(e)}` };
          }
        }
        const tick = await Promise.race([new Promise((r) => setTimeout(() => r(true), 10)), deadline]);
        if (tick === NO_RESULT) break;
      }
      return { fault: 'BROWSER_NO_RESULT', message: `the page did not set window.${c.path} within ${c.timeoutMillis} ms` };
    }
    const fn = lookup(c.path);
    if (typeof fn !== 'function') {
      return { fault: 'BROWSER_NO_FUNCTION', message: `the page has no function window.${c.path} (it is ${describe(fn)})` };
    }
    let settle;
    const viaCallback = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    const callbacks = {
      callback: (...a) => {
        if (a.length >= 2) {
          if (a[0] !== null && a[0] !== undefined) settle.reject(a[0]); else settle.resolve(a[1]);
        } else if (a[0] instanceof Error) settle.reject(a[0]); else settle.resolve(a[0]);
      },
      errorCallback: (e) => settle.reject(e),
    };
    const value = (s) => (s === 'callback' || s === 'errorCallback' ? callbacks[s] : c.values[s]);
    const args = Array.isArray(c.args) ? c.args.map(value)
      : [Object.fromEntries(Object.entries(c.args).map(([k, s]) => [k, value(s)]))];
    const usesCallback = /"(callback|errorCallback)"/.test(JSON.stringify(c.args));
    let v;
    try {
      v = fn(...args);
    } catch (e) {
      return { fault: 'BROWSER_THREW', message: `${c.path} threw ${thrown(e)}` };
    }
    const thenable = v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';
    if (thenable || (usesCallback && v === undefined)) {
      try {
        v = await Promise.race([thenable && usesCallback ? Promise.race([v, viaCallback]) : thenable ? v : viaCallback,
          deadline]);
      } catch (e) {
        return { fault: 'BROWSER_THREW', message: `${c.path} ${thenable ? 'rejected with' : 'called back with an error:'} ${thrown(e)}` };
      }
      if (v === NO_RESULT) {
        return { fault: 'BROWSER_NO_RESULT', message: `${c.path} ${thenable ? 'returned a promise that did not settle'
          : 'did not call back'} within ${c.timeoutMillis} ms` };
      }
    }
    return done(v, c.path);
  };
  try {
    return JSON.stringify(await answer());
  } finally {
    clearTimeout(timer);
  }
}
