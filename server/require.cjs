// require('mailsandbox'): the package is an ES module, which Node's require() loads from 20.19 and
// 22.12 on. Older versions get this message instead of ERR_REQUIRE_ESM's generic one.
'use strict';
try {
  module.exports = require('./app.js');
} catch (err) {
  if (err && err.code === 'ERR_REQUIRE_ESM') {
    throw new Error(
      'mailsandbox is an ES module: this Node.js cannot require() it (that needs Node 20.19+ or 22.12+). ' +
        "Use `const { start } = await import('mailsandbox')` instead.",
      { cause: err },
    );
  }
  throw err;
}
