/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 8905:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


var isObject = __nccwpck_require__(6403);

module.exports = function extend(o/*, objects*/) {
  if (!isObject(o)) { o = {}; }

  var len = arguments.length;
  for (var i = 1; i < len; i++) {
    var obj = arguments[i];

    if (isObject(obj)) {
      assign(o, obj);
    }
  }
  return o;
};

function assign(a, b) {
  for (var key in b) {
    if (hasOwn(b, key)) {
      a[key] = b[key];
    }
  }
}

/**
 * Returns true if the given `key` is an own property of `obj`.
 */

function hasOwn(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}


/***/ }),

/***/ 9599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


const fs = __nccwpck_require__(9896);
const sections = __nccwpck_require__(9495);
const defaults = __nccwpck_require__(7545);
const stringify = __nccwpck_require__(4710);
const excerpt = __nccwpck_require__(7894);
const engines = __nccwpck_require__(4452);
const toFile = __nccwpck_require__(8073);
const parse = __nccwpck_require__(8120);
const utils = __nccwpck_require__(8698);

/**
 * Takes a string or object with `content` property, extracts
 * and parses front-matter from the string, then returns an object
 * with `data`, `content` and other [useful properties](#returned-object).
 *
 * ```js
 * const matter = require('gray-matter');
 * console.log(matter('---\ntitle: Home\n---\nOther stuff'));
 * //=> { data: { title: 'Home'}, content: 'Other stuff' }
 * ```
 * @param {Object|String} `input` String, or object with `content` string
 * @param {Object} `options`
 * @return {Object}
 * @api public
 */

function matter(input, options) {
  if (input === '') {
    return { data: {}, content: input, excerpt: '', orig: input };
  }

  let file = toFile(input);
  const cached = matter.cache[file.content];

  if (!options) {
    if (cached) {
      file = Object.assign({}, cached);
      file.orig = cached.orig;
      return file;
    }

    // only cache if there are no options passed. if we cache when options
    // are passed, we would need to also cache options values, which would
    // negate any performance benefits of caching
    matter.cache[file.content] = file;
  }

  return parseMatter(file, options);
}

/**
 * Parse front matter
 */

function parseMatter(file, options) {
  const opts = defaults(options);
  const open = opts.delimiters[0];
  const close = '\n' + opts.delimiters[1];
  let str = file.content;

  if (opts.language) {
    file.language = opts.language;
  }

  // get the length of the opening delimiter
  const openLen = open.length;
  if (!utils.startsWith(str, open, openLen)) {
    excerpt(file, opts);
    return file;
  }

  // if the next character after the opening delimiter is
  // a character from the delimiter, then it's not a front-
  // matter delimiter
  if (str.charAt(openLen) === open.slice(-1)) {
    return file;
  }

  // strip the opening delimiter
  str = str.slice(openLen);
  const len = str.length;

  // use the language defined after first delimiter, if it exists
  const language = matter.language(str, opts);
  if (language.name) {
    file.language = language.name;
    str = str.slice(language.raw.length);
  }

  // get the index of the closing delimiter
  let closeIndex = str.indexOf(close);
  if (closeIndex === -1) {
    closeIndex = len;
  }

  // get the raw front-matter block
  file.matter = str.slice(0, closeIndex);

  const block = file.matter.replace(/^\s*#[^\n]+/gm, '').trim();
  if (block === '') {
    file.isEmpty = true;
    file.empty = file.content;
    file.data = {};
  } else {

    // create file.data by parsing the raw file.matter block
    file.data = parse(file.language, file.matter, opts);
  }

  // update file.content
  if (closeIndex === len) {
    file.content = '';
  } else {
    file.content = str.slice(closeIndex + close.length);
    if (file.content[0] === '\r') {
      file.content = file.content.slice(1);
    }
    if (file.content[0] === '\n') {
      file.content = file.content.slice(1);
    }
  }

  excerpt(file, opts);

  if (opts.sections === true || typeof opts.section === 'function') {
    sections(file, opts.section);
  }
  return file;
}

/**
 * Expose engines
 */

matter.engines = engines;

/**
 * Stringify an object to YAML or the specified language, and
 * append it to the given string. By default, only YAML and JSON
 * can be stringified. See the [engines](#engines) section to learn
 * how to stringify other languages.
 *
 * ```js
 * console.log(matter.stringify('foo bar baz', {title: 'Home'}));
 * // results in:
 * // ---
 * // title: Home
 * // ---
 * // foo bar baz
 * ```
 * @param {String|Object} `file` The content string to append to stringified front-matter, or a file object with `file.content` string.
 * @param {Object} `data` Front matter to stringify.
 * @param {Object} `options` [Options](#options) to pass to gray-matter and [js-yaml].
 * @return {String} Returns a string created by wrapping stringified yaml with delimiters, and appending that to the given string.
 * @api public
 */

matter.stringify = function(file, data, options) {
  if (typeof file === 'string') file = matter(file, options);
  return stringify(file, data, options);
};

/**
 * Synchronously read a file from the file system and parse
 * front matter. Returns the same object as the [main function](#matter).
 *
 * ```js
 * const file = matter.read('./content/blog-post.md');
 * ```
 * @param {String} `filepath` file path of the file to read.
 * @param {Object} `options` [Options](#options) to pass to gray-matter.
 * @return {Object} Returns [an object](#returned-object) with `data` and `content`
 * @api public
 */

matter.read = function(filepath, options) {
  const str = fs.readFileSync(filepath, 'utf8');
  const file = matter(str, options);
  file.path = filepath;
  return file;
};

/**
 * Returns true if the given `string` has front matter.
 * @param  {String} `string`
 * @param  {Object} `options`
 * @return {Boolean} True if front matter exists.
 * @api public
 */

matter.test = function(str, options) {
  return utils.startsWith(str, defaults(options).delimiters[0]);
};

/**
 * Detect the language to use, if one is defined after the
 * first front-matter delimiter.
 * @param  {String} `string`
 * @param  {Object} `options`
 * @return {Object} Object with `raw` (actual language string), and `name`, the language with whitespace trimmed
 */

matter.language = function(str, options) {
  const opts = defaults(options);
  const open = opts.delimiters[0];

  if (matter.test(str)) {
    str = str.slice(open.length);
  }

  const language = str.slice(0, str.search(/\r?\n/));
  return {
    raw: language,
    name: language ? language.trim() : ''
  };
};

/**
 * Expose `matter`
 */

matter.cache = {};
matter.clearCache = function() {
  matter.cache = {};
};
module.exports = matter;


/***/ }),

/***/ 7545:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


const engines = __nccwpck_require__(4452);
const utils = __nccwpck_require__(8698);

module.exports = function(options) {
  const opts = Object.assign({}, options);

  // ensure that delimiters are an array
  opts.delimiters = utils.arrayify(opts.delims || opts.delimiters || '---');
  if (opts.delimiters.length === 1) {
    opts.delimiters.push(opts.delimiters[0]);
  }

  opts.language = (opts.language || opts.lang || 'yaml').toLowerCase();
  opts.engines = Object.assign({}, engines, opts.parsers, opts.engines);
  return opts;
};


/***/ }),

/***/ 5921:
/***/ ((module) => {

"use strict";


module.exports = function(name, options) {
  let engine = options.engines[name] || options.engines[aliase(name)];
  if (typeof engine === 'undefined') {
    throw new Error('gray-matter engine "' + name + '" is not registered');
  }
  if (typeof engine === 'function') {
    engine = { parse: engine };
  }
  return engine;
};

function aliase(name) {
  switch (name.toLowerCase()) {
    case 'js':
    case 'javascript':
      return 'javascript';
    case 'coffee':
    case 'coffeescript':
    case 'cson':
      return 'coffee';
    case 'yaml':
    case 'yml':
      return 'yaml';
    default: {
      return name;
    }
  }
}


/***/ }),

/***/ 4452:
/***/ ((module, exports, __nccwpck_require__) => {

"use strict";


const yaml = __nccwpck_require__(3243);

/**
 * Default engines
 */

const engines = exports = module.exports;

/**
 * YAML
 */

engines.yaml = {
  parse: yaml.safeLoad.bind(yaml),
  stringify: yaml.safeDump.bind(yaml)
};

/**
 * JSON
 */

engines.json = {
  parse: JSON.parse.bind(JSON),
  stringify: function(obj, options) {
    const opts = Object.assign({replacer: null, space: 2}, options);
    return JSON.stringify(obj, opts.replacer, opts.space);
  }
};

/**
 * JavaScript
 */

engines.javascript = {
  parse: function parse(str, options, wrap) {
    /* eslint no-eval: 0 */
    try {
      if (wrap !== false) {
        str = '(function() {\nreturn ' + str.trim() + ';\n}());';
      }
      return eval(str) || {};
    } catch (err) {
      if (wrap !== false && /(unexpected|identifier)/i.test(err.message)) {
        return parse(str, options, false);
      }
      throw new SyntaxError(err);
    }
  },
  stringify: function() {
    throw new Error('stringifying JavaScript is not supported');
  }
};


/***/ }),

/***/ 7894:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


const defaults = __nccwpck_require__(7545);

module.exports = function(file, options) {
  const opts = defaults(options);

  if (file.data == null) {
    file.data = {};
  }

  if (typeof opts.excerpt === 'function') {
    return opts.excerpt(file, opts);
  }

  const sep = file.data.excerpt_separator || opts.excerpt_separator;
  if (sep == null && (opts.excerpt === false || opts.excerpt == null)) {
    return file;
  }

  const delimiter = typeof opts.excerpt === 'string'
    ? opts.excerpt
    : (sep || opts.delimiters[0]);

  // if enabled, get the excerpt defined after front-matter
  const idx = file.content.indexOf(delimiter);
  if (idx !== -1) {
    file.excerpt = file.content.slice(0, idx);
  }

  return file;
};


/***/ }),

/***/ 8120:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


const getEngine = __nccwpck_require__(5921);
const defaults = __nccwpck_require__(7545);

module.exports = function(language, str, options) {
  const opts = defaults(options);
  const engine = getEngine(language, opts);
  if (typeof engine.parse !== 'function') {
    throw new TypeError('expected "' + language + '.parse" to be a function');
  }
  return engine.parse(str, opts);
};


/***/ }),

/***/ 4710:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


const typeOf = __nccwpck_require__(5140);
const getEngine = __nccwpck_require__(5921);
const defaults = __nccwpck_require__(7545);

module.exports = function(file, data, options) {
  if (data == null && options == null) {
    switch (typeOf(file)) {
      case 'object':
        data = file.data;
        options = {};
        break;
      case 'string':
        return file;
      default: {
        throw new TypeError('expected file to be a string or object');
      }
    }
  }

  const str = file.content;
  const opts = defaults(options);
  if (data == null) {
    if (!opts.data) return file;
    data = opts.data;
  }

  const language = file.language || opts.language;
  const engine = getEngine(language, opts);
  if (typeof engine.stringify !== 'function') {
    throw new TypeError('expected "' + language + '.stringify" to be a function');
  }

  data = Object.assign({}, file.data, data);
  const open = opts.delimiters[0];
  const close = opts.delimiters[1];
  const matter = engine.stringify(data, options).trim();
  let buf = '';

  if (matter !== '{}') {
    buf = newline(open) + newline(matter) + newline(close);
  }

  if (typeof file.excerpt === 'string' && file.excerpt !== '') {
    if (str.indexOf(file.excerpt.trim()) === -1) {
      buf += newline(file.excerpt) + newline(close);
    }
  }

  return buf + newline(str);
};

function newline(str) {
  return str.slice(-1) !== '\n' ? str + '\n' : str;
}


/***/ }),

/***/ 8073:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


const typeOf = __nccwpck_require__(5140);
const stringify = __nccwpck_require__(4710);
const utils = __nccwpck_require__(8698);

/**
 * Normalize the given value to ensure an object is returned
 * with the expected properties.
 */

module.exports = function(file) {
  if (typeOf(file) !== 'object') {
    file = { content: file };
  }

  if (typeOf(file.data) !== 'object') {
    file.data = {};
  }

  // if file was passed as an object, ensure that
  // "file.content" is set
  if (file.contents && file.content == null) {
    file.content = file.contents;
  }

  // set non-enumerable properties on the file object
  utils.define(file, 'orig', utils.toBuffer(file.content));
  utils.define(file, 'language', file.language || '');
  utils.define(file, 'matter', file.matter || '');
  utils.define(file, 'stringify', function(data, options) {
    if (options && options.language) {
      file.language = options.language;
    }
    return stringify(file, data, options);
  });

  // strip BOM and ensure that "file.content" is a string
  file.content = utils.toString(file.content);
  file.isEmpty = false;
  file.excerpt = '';
  return file;
};


/***/ }),

/***/ 8698:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

"use strict";


const stripBom = __nccwpck_require__(1389);
const typeOf = __nccwpck_require__(5140);

exports.define = function(obj, key, val) {
  Reflect.defineProperty(obj, key, {
    enumerable: false,
    configurable: true,
    writable: true,
    value: val
  });
};

/**
 * Returns true if `val` is a buffer
 */

exports.isBuffer = function(val) {
  return typeOf(val) === 'buffer';
};

/**
 * Returns true if `val` is an object
 */

exports.isObject = function(val) {
  return typeOf(val) === 'object';
};

/**
 * Cast `input` to a buffer
 */

exports.toBuffer = function(input) {
  return typeof input === 'string' ? Buffer.from(input) : input;
};

/**
 * Cast `val` to a string.
 */

exports.toString = function(input) {
  if (exports.isBuffer(input)) return stripBom(String(input));
  if (typeof input !== 'string') {
    throw new TypeError('expected input to be a string or buffer');
  }
  return stripBom(input);
};

/**
 * Cast `val` to an array.
 */

exports.arrayify = function(val) {
  return val ? (Array.isArray(val) ? val : [val]) : [];
};

/**
 * Returns true if `str` starts with `substr`.
 */

exports.startsWith = function(str, substr, len) {
  if (typeof len !== 'number') len = substr.length;
  return str.slice(0, len) === substr;
};


/***/ }),

/***/ 6403:
/***/ ((module) => {

"use strict";
/*!
 * is-extendable <https://github.com/jonschlinkert/is-extendable>
 *
 * Copyright (c) 2015, Jon Schlinkert.
 * Licensed under the MIT License.
 */



module.exports = function isExtendable(val) {
  return typeof val !== 'undefined' && val !== null
    && (typeof val === 'object' || typeof val === 'function');
};


/***/ }),

/***/ 5140:
/***/ ((module) => {

var toString = Object.prototype.toString;

module.exports = function kindOf(val) {
  if (val === void 0) return 'undefined';
  if (val === null) return 'null';

  var type = typeof val;
  if (type === 'boolean') return 'boolean';
  if (type === 'string') return 'string';
  if (type === 'number') return 'number';
  if (type === 'symbol') return 'symbol';
  if (type === 'function') {
    return isGeneratorFn(val) ? 'generatorfunction' : 'function';
  }

  if (isArray(val)) return 'array';
  if (isBuffer(val)) return 'buffer';
  if (isArguments(val)) return 'arguments';
  if (isDate(val)) return 'date';
  if (isError(val)) return 'error';
  if (isRegexp(val)) return 'regexp';

  switch (ctorName(val)) {
    case 'Symbol': return 'symbol';
    case 'Promise': return 'promise';

    // Set, Map, WeakSet, WeakMap
    case 'WeakMap': return 'weakmap';
    case 'WeakSet': return 'weakset';
    case 'Map': return 'map';
    case 'Set': return 'set';

    // 8-bit typed arrays
    case 'Int8Array': return 'int8array';
    case 'Uint8Array': return 'uint8array';
    case 'Uint8ClampedArray': return 'uint8clampedarray';

    // 16-bit typed arrays
    case 'Int16Array': return 'int16array';
    case 'Uint16Array': return 'uint16array';

    // 32-bit typed arrays
    case 'Int32Array': return 'int32array';
    case 'Uint32Array': return 'uint32array';
    case 'Float32Array': return 'float32array';
    case 'Float64Array': return 'float64array';
  }

  if (isGeneratorObj(val)) {
    return 'generator';
  }

  // Non-plain objects
  type = toString.call(val);
  switch (type) {
    case '[object Object]': return 'object';
    // iterators
    case '[object Map Iterator]': return 'mapiterator';
    case '[object Set Iterator]': return 'setiterator';
    case '[object String Iterator]': return 'stringiterator';
    case '[object Array Iterator]': return 'arrayiterator';
  }

  // other
  return type.slice(8, -1).toLowerCase().replace(/\s/g, '');
};

function ctorName(val) {
  return typeof val.constructor === 'function' ? val.constructor.name : null;
}

function isArray(val) {
  if (Array.isArray) return Array.isArray(val);
  return val instanceof Array;
}

function isError(val) {
  return val instanceof Error || (typeof val.message === 'string' && val.constructor && typeof val.constructor.stackTraceLimit === 'number');
}

function isDate(val) {
  if (val instanceof Date) return true;
  return typeof val.toDateString === 'function'
    && typeof val.getDate === 'function'
    && typeof val.setDate === 'function';
}

function isRegexp(val) {
  if (val instanceof RegExp) return true;
  return typeof val.flags === 'string'
    && typeof val.ignoreCase === 'boolean'
    && typeof val.multiline === 'boolean'
    && typeof val.global === 'boolean';
}

function isGeneratorFn(name, val) {
  return ctorName(name) === 'GeneratorFunction';
}

function isGeneratorObj(val) {
  return typeof val.throw === 'function'
    && typeof val.return === 'function'
    && typeof val.next === 'function';
}

function isArguments(val) {
  try {
    if (typeof val.length === 'number' && typeof val.callee === 'function') {
      return true;
    }
  } catch (err) {
    if (err.message.indexOf('callee') !== -1) {
      return true;
    }
  }
  return false;
}

/**
 * If you need to support Safari 5-7 (8-10 yr-old browser),
 * take a look at https://github.com/feross/is-buffer
 */

function isBuffer(val) {
  if (val.constructor && typeof val.constructor.isBuffer === 'function') {
    return val.constructor.isBuffer(val);
  }
  return false;
}


/***/ }),

/***/ 9495:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";


var typeOf = __nccwpck_require__(5140);
var extend = __nccwpck_require__(8905);

/**
 * Parse sections in `input` with the given `options`.
 *
 * ```js
 * var sections = require('{%= name %}');
 * var result = sections(input, options);
 * // { content: 'Content before sections', sections: [] }
 * ```
 * @param {String|Buffer|Object} `input` If input is an object, it's `content` property must be a string or buffer.
 * @param {Object} options
 * @return {Object} Returns an object with a `content` string and an array of `sections` objects.
 * @api public
 */

module.exports = function(input, options) {
  if (typeof options === 'function') {
    options = { parse: options };
  }

  var file = toObject(input);
  var defaults = {section_delimiter: '---', parse: identity};
  var opts = extend({}, defaults, options);
  var delim = opts.section_delimiter;
  var lines = file.content.split(/\r?\n/);
  var sections = null;
  var section = createSection();
  var content = [];
  var stack = [];

  function initSections(val) {
    file.content = val;
    sections = [];
    content = [];
  }

  function closeSection(val) {
    if (stack.length) {
      section.key = getKey(stack[0], delim);
      section.content = val;
      opts.parse(section, sections);
      sections.push(section);
      section = createSection();
      content = [];
      stack = [];
    }
  }

  for (var i = 0; i < lines.length; i++) {
    var line = lines[i];
    var len = stack.length;
    var ln = line.trim();

    if (isDelimiter(ln, delim)) {
      if (ln.length === 3 && i !== 0) {
        if (len === 0 || len === 2) {
          content.push(line);
          continue;
        }
        stack.push(ln);
        section.data = content.join('\n');
        content = [];
        continue;
      }

      if (sections === null) {
        initSections(content.join('\n'));
      }

      if (len === 2) {
        closeSection(content.join('\n'));
      }

      stack.push(ln);
      continue;
    }

    content.push(line);
  }

  if (sections === null) {
    initSections(content.join('\n'));
  } else {
    closeSection(content.join('\n'));
  }

  file.sections = sections;
  return file;
};

function isDelimiter(line, delim) {
  if (line.slice(0, delim.length) !== delim) {
    return false;
  }
  if (line.charAt(delim.length + 1) === delim.slice(-1)) {
    return false;
  }
  return true;
}

function toObject(input) {
  if (typeOf(input) !== 'object') {
    input = { content: input };
  }

  if (typeof input.content !== 'string' && !isBuffer(input.content)) {
    throw new TypeError('expected a buffer or string');
  }

  input.content = input.content.toString();
  input.sections = [];
  return input;
}

function getKey(val, delim) {
  return val ? val.slice(delim.length).trim() : '';
}

function createSection() {
  return { key: '', data: '', content: '' };
}

function identity(val) {
  return val;
}

function isBuffer(val) {
  if (val && val.constructor && typeof val.constructor.isBuffer === 'function') {
    return val.constructor.isBuffer(val);
  }
  return false;
}


/***/ }),

/***/ 1389:
/***/ ((module) => {

"use strict";
/*!
 * strip-bom-string <https://github.com/jonschlinkert/strip-bom-string>
 *
 * Copyright (c) 2015, 2017, Jon Schlinkert.
 * Released under the MIT License.
 */



module.exports = function(str) {
  if (typeof str === 'string' && str.charAt(0) === '\ufeff') {
    return str.slice(1);
  }
  return str;
};


/***/ }),

/***/ 2613:
/***/ ((module) => {

"use strict";
module.exports = require("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

"use strict";
module.exports = require("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

"use strict";
module.exports = require("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

"use strict";
module.exports = require("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

"use strict";
module.exports = require("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

"use strict";
module.exports = require("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

"use strict";
module.exports = require("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

"use strict";
module.exports = require("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

"use strict";
module.exports = require("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

"use strict";
module.exports = require("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

"use strict";
module.exports = require("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

"use strict";
module.exports = require("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

"use strict";
module.exports = require("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

"use strict";
module.exports = require("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

"use strict";
module.exports = require("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

"use strict";
module.exports = require("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

"use strict";
module.exports = require("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

"use strict";
module.exports = require("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

"use strict";
module.exports = require("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

"use strict";
module.exports = require("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

"use strict";
module.exports = require("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

"use strict";
module.exports = require("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

"use strict";
module.exports = require("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

"use strict";
module.exports = require("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

"use strict";
module.exports = require("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

"use strict";
module.exports = require("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

"use strict";
module.exports = require("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

"use strict";
module.exports = require("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

"use strict";
module.exports = require("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

"use strict";
module.exports = require("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

"use strict";
module.exports = require("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

"use strict";
module.exports = require("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

"use strict";
module.exports = require("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

"use strict";
module.exports = require("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

"use strict";
module.exports = require("util");

/***/ }),

/***/ 9487:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

"use strict";
// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ExitCode: () => (/* binding */ ExitCode),
  addPath: () => (/* binding */ addPath),
  debug: () => (/* binding */ debug),
  endGroup: () => (/* binding */ endGroup),
  error: () => (/* binding */ error),
  exportVariable: () => (/* binding */ exportVariable),
  getBooleanInput: () => (/* binding */ getBooleanInput),
  getIDToken: () => (/* binding */ getIDToken),
  getInput: () => (/* binding */ getInput),
  getMultilineInput: () => (/* binding */ getMultilineInput),
  getState: () => (/* binding */ getState),
  group: () => (/* binding */ group),
  info: () => (/* binding */ info),
  isDebug: () => (/* binding */ isDebug),
  markdownSummary: () => (/* reexport */ markdownSummary),
  notice: () => (/* binding */ notice),
  platform: () => (/* reexport */ platform_namespaceObject),
  saveState: () => (/* binding */ saveState),
  setCommandEcho: () => (/* binding */ setCommandEcho),
  setFailed: () => (/* binding */ setFailed),
  setOutput: () => (/* binding */ setOutput),
  setSecret: () => (/* binding */ setSecret),
  startGroup: () => (/* binding */ startGroup),
  summary: () => (/* reexport */ summary),
  toPlatformPath: () => (/* reexport */ toPlatformPath),
  toPosixPath: () => (/* reexport */ toPosixPath),
  toWin32Path: () => (/* reexport */ toWin32Path),
  warning: () => (/* binding */ warning)
});

// NAMESPACE OBJECT: ./.tmp/bundle/@actions/core/lib/platform.js
var platform_namespaceObject = {};
__nccwpck_require__.r(platform_namespaceObject);
__nccwpck_require__.d(platform_namespaceObject, {
  arch: () => (arch),
  getDetails: () => (getDetails),
  isLinux: () => (isLinux),
  isMacOS: () => (isMacOS),
  isWindows: () => (isWindows),
  platform: () => (platform)
});

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
// EXTERNAL MODULE: external "buffer"
var external_buffer_ = __nccwpck_require__(181);
;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/file-command.js
/**
 * Stands in for @actions/core's lib/file-command.js in the bundles (see scripts/build.mjs). The
 * real module imports Node's crypto, about 5 ms to load at every start, for one thing: the random
 * delimiter around a multi-line value written to GITHUB_OUTPUT or GITHUB_STATE. Here the
 * delimiter's random part comes from the kernel's random source, read directly, and from crypto
 * only where that cannot be read. The file formats are the runner's, unchanged.
 */





function issueFileCommand(command, message) {
  const file = process.env[`GITHUB_${command}`]
  if (!file) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!external_fs_.existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  external_fs_.appendFileSync(file, `${toCommandValue(message)}${external_os_.EOL}`, { encoding: 'utf8' })
}

function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${randomHex(16)}`
  const text = toCommandValue(value)
  // A name or value holding the delimiter would end the value early: refused, never written.
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  }
  if (text.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  return `${key}<<${delimiter}${external_os_.EOL}${text}${external_os_.EOL}${delimiter}`
}

function randomHex(size) {
  const bytes = external_buffer_.Buffer.alloc(size)
  let fd
  try {
    fd = external_fs_.openSync('/dev/urandom', 'r')
    if (!external_fs_.fstatSync(fd).isCharacterDevice()) throw new Error('not the random device')
    for (let read = 0; read < size;) {
      const count = external_fs_.readSync(fd, bytes, read, size - read, null)
      if (count <= 0) throw new Error('the random device ended')
      read += count
    }
    return bytes.toString('hex')
  } catch {
    return process.getBuiltinModule('crypto').randomBytes(size).toString('hex')
  } finally {
    if (fd !== undefined) external_fs_.closeSync(fd)
  }
}

// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/oidc-utils.js
/**
 * Stands in for @actions/core's lib/oidc-utils.js in the bundles (see scripts/build.mjs). The real
 * OidcClient imports @actions/http-client and through it undici, tunnel, http and https: about half
 * of the bundle's bytes, compiled and evaluated on every start for a function the action never
 * calls (core.getIDToken). Here it is loaded on the first call instead, from its own chunk.
 */
class OidcClient {
  static async getIDToken(audience) {
    const { OidcClient: RealClient } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(713)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8713))
    return RealClient.getIDToken(audience)
  }
}

;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/summary.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, external_path_.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/platform.js
/**
 * Stands in for @actions/core's lib/platform.js in the bundles (see scripts/build.mjs). The real
 * module imports @actions/exec (and with it @actions/io and child_process) for getDetails alone,
 * which the action never calls; here the real one is loaded on the first call instead.
 */


const platform = external_os_.platform()
const arch = external_os_.arch()
const isWindows = platform === 'win32'
const isMacOS = platform === 'darwin'
const isLinux = platform === 'linux'

async function getDetails() {
  const real = await __nccwpck_require__.e(/* import() */ 98).then(__nccwpck_require__.bind(__nccwpck_require__, 5098))
  return real.getDetails()
}

;// CONCATENATED MODULE: ./.tmp/bundle/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ }),

/***/ 3243:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

"use strict";
__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CORE_SCHEMA: () => (/* binding */ CORE_SCHEMA),
/* harmony export */   DEFAULT_SCHEMA: () => (/* binding */ DEFAULT_SCHEMA),
/* harmony export */   FAILSAFE_SCHEMA: () => (/* binding */ FAILSAFE_SCHEMA),
/* harmony export */   JSON_SCHEMA: () => (/* binding */ JSON_SCHEMA),
/* harmony export */   Schema: () => (/* binding */ Schema),
/* harmony export */   Type: () => (/* binding */ Type),
/* harmony export */   YAMLException: () => (/* binding */ YAMLException),
/* harmony export */   "default": () => (/* binding */ yaml),
/* harmony export */   dump: () => (/* binding */ dump),
/* harmony export */   load: () => (/* binding */ load),
/* harmony export */   loadAll: () => (/* binding */ loadAll),
/* harmony export */   safeDump: () => (/* binding */ safeDump),
/* harmony export */   safeLoad: () => (/* binding */ safeLoad),
/* harmony export */   safeLoadAll: () => (/* binding */ safeLoadAll),
/* harmony export */   types: () => (/* binding */ types)
/* harmony export */ });
function getDefaultExportFromCjs(x) {
  return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, "default") ? x["default"] : x;
}
var jsYaml = {};
var loader = {};
var common = {};
var hasRequiredCommon;
function requireCommon() {
  if (hasRequiredCommon) return common;
  hasRequiredCommon = 1;
  function isNothing(subject) {
    return typeof subject === "undefined" || subject === null;
  }
  function isObject(subject) {
    return typeof subject === "object" && subject !== null;
  }
  function toArray(sequence) {
    if (Array.isArray(sequence)) return sequence;
    else if (isNothing(sequence)) return [];
    return [sequence];
  }
  function extend(target, source) {
    if (source) {
      const sourceKeys = Object.keys(source);
      for (let index = 0, length = sourceKeys.length; index < length; index += 1) {
        const key = sourceKeys[index];
        target[key] = source[key];
      }
    }
    return target;
  }
  function repeat(string, count) {
    let result = "";
    for (let cycle = 0; cycle < count; cycle += 1) {
      result += string;
    }
    return result;
  }
  function isNegativeZero(number) {
    return number === 0 && Number.NEGATIVE_INFINITY === 1 / number;
  }
  common.isNothing = isNothing;
  common.isObject = isObject;
  common.toArray = toArray;
  common.repeat = repeat;
  common.isNegativeZero = isNegativeZero;
  common.extend = extend;
  return common;
}
var exception;
var hasRequiredException;
function requireException() {
  if (hasRequiredException) return exception;
  hasRequiredException = 1;
  function formatError(exception2, compact) {
    let where = "";
    const message = exception2.reason || "(unknown reason)";
    if (!exception2.mark) return message;
    if (exception2.mark.name) {
      where += 'in "' + exception2.mark.name + '" ';
    }
    where += "(" + (exception2.mark.line + 1) + ":" + (exception2.mark.column + 1) + ")";
    if (!compact && exception2.mark.snippet) {
      where += "\n\n" + exception2.mark.snippet;
    }
    return message + " " + where;
  }
  function YAMLException2(reason, mark) {
    Error.call(this);
    this.name = "YAMLException";
    this.reason = reason;
    this.mark = mark;
    this.message = formatError(this, false);
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    } else {
      this.stack = new Error().stack || "";
    }
  }
  YAMLException2.prototype = Object.create(Error.prototype);
  YAMLException2.prototype.constructor = YAMLException2;
  YAMLException2.prototype.toString = function toString(compact) {
    return this.name + ": " + formatError(this, compact);
  };
  exception = YAMLException2;
  return exception;
}
var snippet;
var hasRequiredSnippet;
function requireSnippet() {
  if (hasRequiredSnippet) return snippet;
  hasRequiredSnippet = 1;
  const common2 = requireCommon();
  function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
    let head = "";
    let tail = "";
    const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
    if (position - lineStart > maxHalfLength) {
      head = " ... ";
      lineStart = position - maxHalfLength + head.length;
    }
    if (lineEnd - position > maxHalfLength) {
      tail = " ...";
      lineEnd = position + maxHalfLength - tail.length;
    }
    return {
      str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
      pos: position - lineStart + head.length
      // relative position
    };
  }
  function padStart(string, max) {
    return common2.repeat(" ", max - string.length) + string;
  }
  function makeSnippet(mark, options) {
    options = Object.create(options || null);
    if (!mark.buffer) return null;
    if (!options.maxLength) options.maxLength = 79;
    if (typeof options.indent !== "number") options.indent = 1;
    if (typeof options.linesBefore !== "number") options.linesBefore = 3;
    if (typeof options.linesAfter !== "number") options.linesAfter = 2;
    const re = /\r?\n|\r|\0/g;
    const lineStarts = [0];
    const lineEnds = [];
    let match;
    let foundLineNo = -1;
    while (match = re.exec(mark.buffer)) {
      lineEnds.push(match.index);
      lineStarts.push(match.index + match[0].length);
      if (mark.position <= match.index && foundLineNo < 0) {
        foundLineNo = lineStarts.length - 2;
      }
    }
    if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
    let result = "";
    const lineNoLength = Math.min(mark.line + options.linesAfter, lineEnds.length).toString().length;
    const maxLineLength = options.maxLength - (options.indent + lineNoLength + 3);
    for (let i = 1; i <= options.linesBefore; i++) {
      if (foundLineNo - i < 0) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo - i],
        lineEnds[foundLineNo - i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]),
        maxLineLength
      );
      result = common2.repeat(" ", options.indent) + padStart((mark.line - i + 1).toString(), lineNoLength) + " | " + line2.str + "\n" + result;
    }
    const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
    result += common2.repeat(" ", options.indent) + padStart((mark.line + 1).toString(), lineNoLength) + " | " + line.str + "\n";
    result += common2.repeat("-", options.indent + lineNoLength + 3 + line.pos) + "^\n";
    for (let i = 1; i <= options.linesAfter; i++) {
      if (foundLineNo + i >= lineEnds.length) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo + i],
        lineEnds[foundLineNo + i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]),
        maxLineLength
      );
      result += common2.repeat(" ", options.indent) + padStart((mark.line + i + 1).toString(), lineNoLength) + " | " + line2.str + "\n";
    }
    return result.replace(/\n$/, "");
  }
  snippet = makeSnippet;
  return snippet;
}
var type;
var hasRequiredType;
function requireType() {
  if (hasRequiredType) return type;
  hasRequiredType = 1;
  const YAMLException2 = requireException();
  const TYPE_CONSTRUCTOR_OPTIONS = [
    "kind",
    "multi",
    "resolve",
    "construct",
    "instanceOf",
    "predicate",
    "represent",
    "representName",
    "defaultStyle",
    "styleAliases"
  ];
  const YAML_NODE_KINDS = [
    "scalar",
    "sequence",
    "mapping"
  ];
  function compileStyleAliases(map2) {
    const result = {};
    if (map2 !== null) {
      Object.keys(map2).forEach(function(style) {
        map2[style].forEach(function(alias) {
          result[String(alias)] = style;
        });
      });
    }
    return result;
  }
  function Type2(tag, options) {
    options = options || {};
    Object.keys(options).forEach(function(name) {
      if (TYPE_CONSTRUCTOR_OPTIONS.indexOf(name) === -1) {
        throw new YAMLException2('Unknown option "' + name + '" is met in definition of "' + tag + '" YAML type.');
      }
    });
    this.options = options;
    this.tag = tag;
    this.kind = options["kind"] || null;
    this.resolve = options["resolve"] || function() {
      return true;
    };
    this.construct = options["construct"] || function(data) {
      return data;
    };
    this.instanceOf = options["instanceOf"] || null;
    this.predicate = options["predicate"] || null;
    this.represent = options["represent"] || null;
    this.representName = options["representName"] || null;
    this.defaultStyle = options["defaultStyle"] || null;
    this.multi = options["multi"] || false;
    this.styleAliases = compileStyleAliases(options["styleAliases"] || null);
    if (YAML_NODE_KINDS.indexOf(this.kind) === -1) {
      throw new YAMLException2('Unknown kind "' + this.kind + '" is specified for "' + tag + '" YAML type.');
    }
  }
  type = Type2;
  return type;
}
var schema;
var hasRequiredSchema;
function requireSchema() {
  if (hasRequiredSchema) return schema;
  hasRequiredSchema = 1;
  const YAMLException2 = requireException();
  const Type2 = requireType();
  function compileList(schema2, name) {
    const result = [];
    schema2[name].forEach(function(currentType) {
      let newIndex = result.length;
      result.forEach(function(previousType, previousIndex) {
        if (previousType.tag === currentType.tag && previousType.kind === currentType.kind && previousType.multi === currentType.multi) {
          newIndex = previousIndex;
        }
      });
      result[newIndex] = currentType;
    });
    return result;
  }
  function compileMap() {
    const result = {
      scalar: {},
      sequence: {},
      mapping: {},
      fallback: {},
      multi: {
        scalar: [],
        sequence: [],
        mapping: [],
        fallback: []
      }
    };
    function collectType(type2) {
      if (type2.multi) {
        result.multi[type2.kind].push(type2);
        result.multi["fallback"].push(type2);
      } else {
        result[type2.kind][type2.tag] = result["fallback"][type2.tag] = type2;
      }
    }
    for (let index = 0, length = arguments.length; index < length; index += 1) {
      arguments[index].forEach(collectType);
    }
    return result;
  }
  function Schema2(definition) {
    return this.extend(definition);
  }
  Schema2.prototype.extend = function extend(definition) {
    let implicit = [];
    let explicit = [];
    if (definition instanceof Type2) {
      explicit.push(definition);
    } else if (Array.isArray(definition)) {
      explicit = explicit.concat(definition);
    } else if (definition && (Array.isArray(definition.implicit) || Array.isArray(definition.explicit))) {
      if (definition.implicit) implicit = implicit.concat(definition.implicit);
      if (definition.explicit) explicit = explicit.concat(definition.explicit);
    } else {
      throw new YAMLException2("Schema.extend argument should be a Type, [ Type ], or a schema definition ({ implicit: [...], explicit: [...] })");
    }
    implicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
      if (type2.loadKind && type2.loadKind !== "scalar") {
        throw new YAMLException2("There is a non-scalar type in the implicit list of a schema. Implicit resolving of such types is not supported.");
      }
      if (type2.multi) {
        throw new YAMLException2("There is a multi type in the implicit list of a schema. Multi tags can only be listed as explicit.");
      }
    });
    explicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
    });
    const result = Object.create(Schema2.prototype);
    result.implicit = (this.implicit || []).concat(implicit);
    result.explicit = (this.explicit || []).concat(explicit);
    result.compiledImplicit = compileList(result, "implicit");
    result.compiledExplicit = compileList(result, "explicit");
    result.compiledTypeMap = compileMap(result.compiledImplicit, result.compiledExplicit);
    return result;
  };
  schema = Schema2;
  return schema;
}
var str;
var hasRequiredStr;
function requireStr() {
  if (hasRequiredStr) return str;
  hasRequiredStr = 1;
  const Type2 = requireType();
  str = new Type2("tag:yaml.org,2002:str", {
    kind: "scalar",
    construct: function(data) {
      return data !== null ? data : "";
    }
  });
  return str;
}
var seq;
var hasRequiredSeq;
function requireSeq() {
  if (hasRequiredSeq) return seq;
  hasRequiredSeq = 1;
  const Type2 = requireType();
  seq = new Type2("tag:yaml.org,2002:seq", {
    kind: "sequence",
    construct: function(data) {
      return data !== null ? data : [];
    }
  });
  return seq;
}
var map;
var hasRequiredMap;
function requireMap() {
  if (hasRequiredMap) return map;
  hasRequiredMap = 1;
  const Type2 = requireType();
  map = new Type2("tag:yaml.org,2002:map", {
    kind: "mapping",
    construct: function(data) {
      return data !== null ? data : {};
    }
  });
  return map;
}
var failsafe;
var hasRequiredFailsafe;
function requireFailsafe() {
  if (hasRequiredFailsafe) return failsafe;
  hasRequiredFailsafe = 1;
  const Schema2 = requireSchema();
  failsafe = new Schema2({
    explicit: [
      requireStr(),
      requireSeq(),
      requireMap()
    ]
  });
  return failsafe;
}
var _null;
var hasRequired_null;
function require_null() {
  if (hasRequired_null) return _null;
  hasRequired_null = 1;
  const Type2 = requireType();
  function resolveYamlNull(data) {
    if (data === null) return true;
    const max = data.length;
    return max === 1 && data === "~" || max === 4 && (data === "null" || data === "Null" || data === "NULL");
  }
  function constructYamlNull() {
    return null;
  }
  function isNull(object) {
    return object === null;
  }
  _null = new Type2("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: resolveYamlNull,
    construct: constructYamlNull,
    predicate: isNull,
    represent: {
      canonical: function() {
        return "~";
      },
      lowercase: function() {
        return "null";
      },
      uppercase: function() {
        return "NULL";
      },
      camelcase: function() {
        return "Null";
      },
      empty: function() {
        return "";
      }
    },
    defaultStyle: "lowercase"
  });
  return _null;
}
var bool;
var hasRequiredBool;
function requireBool() {
  if (hasRequiredBool) return bool;
  hasRequiredBool = 1;
  const Type2 = requireType();
  function resolveYamlBoolean(data) {
    if (data === null) return false;
    const max = data.length;
    return max === 4 && (data === "true" || data === "True" || data === "TRUE") || max === 5 && (data === "false" || data === "False" || data === "FALSE");
  }
  function constructYamlBoolean(data) {
    return data === "true" || data === "True" || data === "TRUE";
  }
  function isBoolean(object) {
    return Object.prototype.toString.call(object) === "[object Boolean]";
  }
  bool = new Type2("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: resolveYamlBoolean,
    construct: constructYamlBoolean,
    predicate: isBoolean,
    represent: {
      lowercase: function(object) {
        return object ? "true" : "false";
      },
      uppercase: function(object) {
        return object ? "TRUE" : "FALSE";
      },
      camelcase: function(object) {
        return object ? "True" : "False";
      }
    },
    defaultStyle: "lowercase"
  });
  return bool;
}
var int;
var hasRequiredInt;
function requireInt() {
  if (hasRequiredInt) return int;
  hasRequiredInt = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  function isHexCode(c) {
    return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
  }
  function isOctCode(c) {
    return c >= 48 && c <= 55;
  }
  function isDecCode(c) {
    return c >= 48 && c <= 57;
  }
  function resolveYamlInteger(data) {
    if (data === null) return false;
    const max = data.length;
    let index = 0;
    let hasDigits = false;
    if (!max) return false;
    let ch = data[index];
    if (ch === "-" || ch === "+") {
      ch = data[++index];
    }
    if (ch === "0") {
      if (index + 1 === max) return true;
      ch = data[++index];
      if (ch === "b") {
        index++;
        for (; index < max; index++) {
          ch = data[index];
          if (ch !== "0" && ch !== "1") return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "x") {
        index++;
        for (; index < max; index++) {
          if (!isHexCode(data.charCodeAt(index))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "o") {
        index++;
        for (; index < max; index++) {
          if (!isOctCode(data.charCodeAt(index))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
    }
    for (; index < max; index++) {
      if (!isDecCode(data.charCodeAt(index))) {
        return false;
      }
      hasDigits = true;
    }
    if (!hasDigits) return false;
    return isFinite(parseYamlInteger(data));
  }
  function parseYamlInteger(data) {
    let value = data;
    let sign = 1;
    let ch = value[0];
    if (ch === "-" || ch === "+") {
      if (ch === "-") sign = -1;
      value = value.slice(1);
      ch = value[0];
    }
    if (value === "0") return 0;
    if (ch === "0") {
      if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
      if (value[1] === "x") return sign * parseInt(value.slice(2), 16);
      if (value[1] === "o") return sign * parseInt(value.slice(2), 8);
    }
    return sign * parseInt(value, 10);
  }
  function constructYamlInteger(data) {
    return parseYamlInteger(data);
  }
  function isInteger(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 === 0 && !common2.isNegativeZero(object));
  }
  int = new Type2("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: resolveYamlInteger,
    construct: constructYamlInteger,
    predicate: isInteger,
    represent: {
      binary: function(obj) {
        return obj >= 0 ? "0b" + obj.toString(2) : "-0b" + obj.toString(2).slice(1);
      },
      octal: function(obj) {
        return obj >= 0 ? "0o" + obj.toString(8) : "-0o" + obj.toString(8).slice(1);
      },
      decimal: function(obj) {
        return obj.toString(10);
      },
      hexadecimal: function(obj) {
        return obj >= 0 ? "0x" + obj.toString(16).toUpperCase() : "-0x" + obj.toString(16).toUpperCase().slice(1);
      }
    },
    defaultStyle: "decimal",
    styleAliases: {
      binary: [2, "bin"],
      octal: [8, "oct"],
      decimal: [10, "dec"],
      hexadecimal: [16, "hex"]
    }
  });
  return int;
}
var float;
var hasRequiredFloat;
function requireFloat() {
  if (hasRequiredFloat) return float;
  hasRequiredFloat = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  const YAML_FLOAT_PATTERN = new RegExp(
    // 2.5e4, 2.5 and integers
    "^(?:[-+]?(?:[0-9]+)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  const YAML_FLOAT_SPECIAL_PATTERN = new RegExp(
    "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  function resolveYamlFloat(data) {
    if (data === null) return false;
    if (!YAML_FLOAT_PATTERN.test(data)) {
      return false;
    }
    if (isFinite(parseFloat(data, 10))) {
      return true;
    }
    return YAML_FLOAT_SPECIAL_PATTERN.test(data);
  }
  function constructYamlFloat(data) {
    let value = data.toLowerCase();
    const sign = value[0] === "-" ? -1 : 1;
    if ("+-".indexOf(value[0]) >= 0) {
      value = value.slice(1);
    }
    if (value === ".inf") {
      return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    } else if (value === ".nan") {
      return NaN;
    }
    return sign * parseFloat(value, 10);
  }
  const SCIENTIFIC_WITHOUT_DOT = /^[-+]?[0-9]+e/;
  function representYamlFloat(object, style) {
    if (isNaN(object)) {
      switch (style) {
        case "lowercase":
          return ".nan";
        case "uppercase":
          return ".NAN";
        case "camelcase":
          return ".NaN";
      }
    } else if (Number.POSITIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return ".inf";
        case "uppercase":
          return ".INF";
        case "camelcase":
          return ".Inf";
      }
    } else if (Number.NEGATIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return "-.inf";
        case "uppercase":
          return "-.INF";
        case "camelcase":
          return "-.Inf";
      }
    } else if (common2.isNegativeZero(object)) {
      return "-0.0";
    }
    const res = object.toString(10);
    return SCIENTIFIC_WITHOUT_DOT.test(res) ? res.replace("e", ".e") : res;
  }
  function isFloat(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 !== 0 || common2.isNegativeZero(object));
  }
  float = new Type2("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: resolveYamlFloat,
    construct: constructYamlFloat,
    predicate: isFloat,
    represent: representYamlFloat,
    defaultStyle: "lowercase"
  });
  return float;
}
var json;
var hasRequiredJson;
function requireJson() {
  if (hasRequiredJson) return json;
  hasRequiredJson = 1;
  json = requireFailsafe().extend({
    implicit: [
      require_null(),
      requireBool(),
      requireInt(),
      requireFloat()
    ]
  });
  return json;
}
var core;
var hasRequiredCore;
function requireCore() {
  if (hasRequiredCore) return core;
  hasRequiredCore = 1;
  core = requireJson();
  return core;
}
var timestamp;
var hasRequiredTimestamp;
function requireTimestamp() {
  if (hasRequiredTimestamp) return timestamp;
  hasRequiredTimestamp = 1;
  const Type2 = requireType();
  const YAML_DATE_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$"
  );
  const YAML_TIMESTAMP_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$"
  );
  function resolveYamlTimestamp(data) {
    if (data === null) return false;
    if (YAML_DATE_REGEXP.exec(data) !== null) return true;
    if (YAML_TIMESTAMP_REGEXP.exec(data) !== null) return true;
    return false;
  }
  function constructYamlTimestamp(data) {
    let fraction = 0;
    let delta = null;
    let match = YAML_DATE_REGEXP.exec(data);
    if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(data);
    if (match === null) throw new Error("Date resolve error");
    const year = +match[1];
    const month = +match[2] - 1;
    const day = +match[3];
    if (!match[4]) {
      return new Date(Date.UTC(year, month, day));
    }
    const hour = +match[4];
    const minute = +match[5];
    const second = +match[6];
    if (match[7]) {
      fraction = match[7].slice(0, 3);
      while (fraction.length < 3) {
        fraction += "0";
      }
      fraction = +fraction;
    }
    if (match[9]) {
      const tzHour = +match[10];
      const tzMinute = +(match[11] || 0);
      delta = (tzHour * 60 + tzMinute) * 6e4;
      if (match[9] === "-") delta = -delta;
    }
    const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
    if (delta) date.setTime(date.getTime() - delta);
    return date;
  }
  function representYamlTimestamp(object) {
    return object.toISOString();
  }
  timestamp = new Type2("tag:yaml.org,2002:timestamp", {
    kind: "scalar",
    resolve: resolveYamlTimestamp,
    construct: constructYamlTimestamp,
    instanceOf: Date,
    represent: representYamlTimestamp
  });
  return timestamp;
}
var merge;
var hasRequiredMerge;
function requireMerge() {
  if (hasRequiredMerge) return merge;
  hasRequiredMerge = 1;
  const Type2 = requireType();
  function resolveYamlMerge(data) {
    return data === "<<" || data === null;
  }
  merge = new Type2("tag:yaml.org,2002:merge", {
    kind: "scalar",
    resolve: resolveYamlMerge
  });
  return merge;
}
var binary;
var hasRequiredBinary;
function requireBinary() {
  if (hasRequiredBinary) return binary;
  hasRequiredBinary = 1;
  const Type2 = requireType();
  const BASE64_MAP = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r";
  function resolveYamlBinary(data) {
    if (data === null) return false;
    let bitlen = 0;
    const max = data.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      const code = map2.indexOf(data.charAt(idx));
      if (code > 64) continue;
      if (code < 0) return false;
      bitlen += 6;
    }
    return bitlen % 8 === 0;
  }
  function constructYamlBinary(data) {
    const input = data.replace(/[\r\n=]/g, "");
    const max = input.length;
    const map2 = BASE64_MAP;
    let bits = 0;
    const result = [];
    for (let idx = 0; idx < max; idx++) {
      if (idx % 4 === 0 && idx) {
        result.push(bits >> 16 & 255);
        result.push(bits >> 8 & 255);
        result.push(bits & 255);
      }
      bits = bits << 6 | map2.indexOf(input.charAt(idx));
    }
    const tailbits = max % 4 * 6;
    if (tailbits === 0) {
      result.push(bits >> 16 & 255);
      result.push(bits >> 8 & 255);
      result.push(bits & 255);
    } else if (tailbits === 18) {
      result.push(bits >> 10 & 255);
      result.push(bits >> 2 & 255);
    } else if (tailbits === 12) {
      result.push(bits >> 4 & 255);
    }
    return new Uint8Array(result);
  }
  function representYamlBinary(object) {
    let result = "";
    let bits = 0;
    const max = object.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      if (idx % 3 === 0 && idx) {
        result += map2[bits >> 18 & 63];
        result += map2[bits >> 12 & 63];
        result += map2[bits >> 6 & 63];
        result += map2[bits & 63];
      }
      bits = (bits << 8) + object[idx];
    }
    const tail = max % 3;
    if (tail === 0) {
      result += map2[bits >> 18 & 63];
      result += map2[bits >> 12 & 63];
      result += map2[bits >> 6 & 63];
      result += map2[bits & 63];
    } else if (tail === 2) {
      result += map2[bits >> 10 & 63];
      result += map2[bits >> 4 & 63];
      result += map2[bits << 2 & 63];
      result += map2[64];
    } else if (tail === 1) {
      result += map2[bits >> 2 & 63];
      result += map2[bits << 4 & 63];
      result += map2[64];
      result += map2[64];
    }
    return result;
  }
  function isBinary(obj) {
    return Object.prototype.toString.call(obj) === "[object Uint8Array]";
  }
  binary = new Type2("tag:yaml.org,2002:binary", {
    kind: "scalar",
    resolve: resolveYamlBinary,
    construct: constructYamlBinary,
    predicate: isBinary,
    represent: representYamlBinary
  });
  return binary;
}
var omap;
var hasRequiredOmap;
function requireOmap() {
  if (hasRequiredOmap) return omap;
  hasRequiredOmap = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const _toString = Object.prototype.toString;
  function resolveYamlOmap(data) {
    if (data === null) return true;
    const objectKeys = {};
    const object = data;
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      let pairHasKey = false;
      if (_toString.call(pair) !== "[object Object]") return false;
      let pairKey;
      for (pairKey in pair) {
        if (_hasOwnProperty.call(pair, pairKey)) {
          if (!pairHasKey) pairHasKey = true;
          else return false;
        }
      }
      if (!pairHasKey) return false;
      if (_hasOwnProperty.call(objectKeys, pairKey)) return false;
      Object.defineProperty(objectKeys, pairKey, { value: true });
    }
    return true;
  }
  function constructYamlOmap(data) {
    return data !== null ? data : [];
  }
  omap = new Type2("tag:yaml.org,2002:omap", {
    kind: "sequence",
    resolve: resolveYamlOmap,
    construct: constructYamlOmap
  });
  return omap;
}
var pairs;
var hasRequiredPairs;
function requirePairs() {
  if (hasRequiredPairs) return pairs;
  hasRequiredPairs = 1;
  const Type2 = requireType();
  const _toString = Object.prototype.toString;
  function resolveYamlPairs(data) {
    if (data === null) return true;
    const object = data;
    const result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      if (_toString.call(pair) !== "[object Object]") return false;
      const keys = Object.keys(pair);
      if (keys.length !== 1) return false;
      result[index] = [keys[0], pair[keys[0]]];
    }
    return true;
  }
  function constructYamlPairs(data) {
    if (data === null) return [];
    const object = data;
    const result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      const keys = Object.keys(pair);
      result[index] = [keys[0], pair[keys[0]]];
    }
    return result;
  }
  pairs = new Type2("tag:yaml.org,2002:pairs", {
    kind: "sequence",
    resolve: resolveYamlPairs,
    construct: constructYamlPairs
  });
  return pairs;
}
var set;
var hasRequiredSet;
function requireSet() {
  if (hasRequiredSet) return set;
  hasRequiredSet = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  function resolveYamlSet(data) {
    if (data === null) return true;
    const object = data;
    for (const key in object) {
      if (_hasOwnProperty.call(object, key)) {
        if (object[key] !== null) return false;
      }
    }
    return true;
  }
  function constructYamlSet(data) {
    return data !== null ? data : {};
  }
  set = new Type2("tag:yaml.org,2002:set", {
    kind: "mapping",
    resolve: resolveYamlSet,
    construct: constructYamlSet
  });
  return set;
}
var _default;
var hasRequired_default;
function require_default() {
  if (hasRequired_default) return _default;
  hasRequired_default = 1;
  _default = requireCore().extend({
    implicit: [
      requireTimestamp(),
      requireMerge()
    ],
    explicit: [
      requireBinary(),
      requireOmap(),
      requirePairs(),
      requireSet()
    ]
  });
  return _default;
}
var hasRequiredLoader;
function requireLoader() {
  if (hasRequiredLoader) return loader;
  hasRequiredLoader = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const makeSnippet = requireSnippet();
  const DEFAULT_SCHEMA2 = require_default();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CONTEXT_FLOW_IN = 1;
  const CONTEXT_FLOW_OUT = 2;
  const CONTEXT_BLOCK_IN = 3;
  const CONTEXT_BLOCK_OUT = 4;
  const CHOMPING_CLIP = 1;
  const CHOMPING_STRIP = 2;
  const CHOMPING_KEEP = 3;
  const PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
  const PATTERN_NON_ASCII_LINE_BREAKS = /[\x85\u2028\u2029]/;
  const PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
  const PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
  const PATTERN_TAG_URI = /^(?:!|[^,\[\]{}])(?:%[0-9a-f]{2}|[0-9a-z\-#;/?:@&=+$,_.!~*'()\[\]])*$/i;
  function _class(obj) {
    return Object.prototype.toString.call(obj);
  }
  function isEol(c) {
    return c === 10 || c === 13;
  }
  function isWhiteSpace(c) {
    return c === 9 || c === 32;
  }
  function isWsOrEol(c) {
    return c === 9 || c === 32 || c === 10 || c === 13;
  }
  function isFlowIndicator(c) {
    return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
  }
  function fromHexCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    const lc = c | 32;
    if (lc >= 97 && lc <= 102) {
      return lc - 97 + 10;
    }
    return -1;
  }
  function escapedHexLen(c) {
    if (c === 120) {
      return 2;
    }
    if (c === 117) {
      return 4;
    }
    if (c === 85) {
      return 8;
    }
    return 0;
  }
  function fromDecimalCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    return -1;
  }
  function simpleEscapeSequence(c) {
    switch (c) {
      case 48:
        return "\0";
      case 97:
        return "\x07";
      case 98:
        return "\b";
      case 116:
        return "	";
      case 9:
        return "	";
      case 110:
        return "\n";
      case 118:
        return "\v";
      case 102:
        return "\f";
      case 114:
        return "\r";
      case 101:
        return "\x1B";
      case 32:
        return " ";
      case 34:
        return '"';
      case 47:
        return "/";
      case 92:
        return "\\";
      case 78:
        return "";
      case 95:
        return " ";
      case 76:
        return "\u2028";
      case 80:
        return "\u2029";
      default:
        return "";
    }
  }
  function charFromCodepoint(c) {
    if (c <= 65535) {
      return String.fromCharCode(c);
    }
    return String.fromCharCode(
      (c - 65536 >> 10) + 55296,
      (c - 65536 & 1023) + 56320
    );
  }
  function setProperty(object, key, value) {
    if (key === "__proto__") {
      Object.defineProperty(object, key, {
        configurable: true,
        enumerable: true,
        writable: true,
        value
      });
    } else {
      object[key] = value;
    }
  }
  const simpleEscapeCheck = new Array(256);
  const simpleEscapeMap = new Array(256);
  for (let i = 0; i < 256; i++) {
    simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
    simpleEscapeMap[i] = simpleEscapeSequence(i);
  }
  function State(input, options) {
    this.input = input;
    this.filename = options["filename"] || null;
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.onWarning = options["onWarning"] || null;
    this.legacy = options["legacy"] || false;
    this.json = options["json"] || false;
    this.listener = options["listener"] || null;
    this.maxDepth = typeof options["maxDepth"] === "number" ? options["maxDepth"] : 100;
    this.maxTotalMergeKeys = typeof options["maxTotalMergeKeys"] === "number" ? options["maxTotalMergeKeys"] : 1e4;
    this.implicitTypes = this.schema.compiledImplicit;
    this.typeMap = this.schema.compiledTypeMap;
    this.length = input.length;
    this.position = 0;
    this.line = 0;
    this.lineStart = 0;
    this.lineIndent = 0;
    this.depth = 0;
    this.totalMergeKeys = 0;
    this.firstTabInLine = -1;
    this.documents = [];
    this.anchorMapTransactions = [];
  }
  function generateError(state, message) {
    const mark = {
      name: state.filename,
      buffer: state.input.slice(0, -1),
      // omit trailing \0
      position: state.position,
      line: state.line,
      column: state.position - state.lineStart
    };
    mark.snippet = makeSnippet(mark);
    return new YAMLException2(message, mark);
  }
  function throwError(state, message) {
    throw generateError(state, message);
  }
  function throwWarning(state, message) {
    if (state.onWarning) {
      state.onWarning.call(null, generateError(state, message));
    }
  }
  function storeAnchor(state, name, value) {
    const transactions = state.anchorMapTransactions;
    if (transactions.length !== 0) {
      const transaction = transactions[transactions.length - 1];
      if (!_hasOwnProperty.call(transaction, name)) {
        transaction[name] = {
          existed: _hasOwnProperty.call(state.anchorMap, name),
          value: state.anchorMap[name]
        };
      }
    }
    state.anchorMap[name] = value;
  }
  function beginAnchorTransaction(state) {
    state.anchorMapTransactions.push(/* @__PURE__ */ Object.create(null));
  }
  function commitAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const transactions = state.anchorMapTransactions;
    if (transactions.length === 0) return;
    const parent = transactions[transactions.length - 1];
    const names = Object.keys(transaction);
    for (let index = 0, length = names.length; index < length; index += 1) {
      const name = names[index];
      if (!_hasOwnProperty.call(parent, name)) {
        parent[name] = transaction[name];
      }
    }
  }
  function rollbackAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const names = Object.keys(transaction);
    for (let index = names.length - 1; index >= 0; index -= 1) {
      const entry = transaction[names[index]];
      if (entry.existed) {
        state.anchorMap[names[index]] = entry.value;
      } else {
        delete state.anchorMap[names[index]];
      }
    }
  }
  function snapshotState(state) {
    return {
      position: state.position,
      line: state.line,
      lineStart: state.lineStart,
      lineIndent: state.lineIndent,
      firstTabInLine: state.firstTabInLine,
      tag: state.tag,
      anchor: state.anchor,
      kind: state.kind,
      result: state.result
    };
  }
  function restoreState(state, snapshot) {
    state.position = snapshot.position;
    state.line = snapshot.line;
    state.lineStart = snapshot.lineStart;
    state.lineIndent = snapshot.lineIndent;
    state.firstTabInLine = snapshot.firstTabInLine;
    state.tag = snapshot.tag;
    state.anchor = snapshot.anchor;
    state.kind = snapshot.kind;
    state.result = snapshot.result;
  }
  const directiveHandlers = {
    YAML: function handleYamlDirective(state, name, args) {
      if (state.version !== null) {
        throwError(state, "duplication of %YAML directive");
      }
      if (args.length !== 1) {
        throwError(state, "YAML directive accepts exactly one argument");
      }
      const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
      if (match === null) {
        throwError(state, "ill-formed argument of the YAML directive");
      }
      const major = parseInt(match[1], 10);
      const minor = parseInt(match[2], 10);
      if (major !== 1) {
        throwError(state, "unacceptable YAML version of the document");
      }
      state.version = args[0];
      state.checkLineBreaks = minor < 2;
      if (minor !== 1 && minor !== 2) {
        throwWarning(state, "unsupported YAML version of the document");
      }
    },
    TAG: function handleTagDirective(state, name, args) {
      let prefix;
      if (args.length !== 2) {
        throwError(state, "TAG directive accepts exactly two arguments");
      }
      const handle = args[0];
      prefix = args[1];
      if (!PATTERN_TAG_HANDLE.test(handle)) {
        throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
      }
      if (_hasOwnProperty.call(state.tagMap, handle)) {
        throwError(state, 'there is a previously declared suffix for "' + handle + '" tag handle');
      }
      if (!PATTERN_TAG_URI.test(prefix)) {
        throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
      }
      try {
        prefix = decodeURIComponent(prefix);
      } catch (err) {
        throwError(state, "tag prefix is malformed: " + prefix);
      }
      state.tagMap[handle] = prefix;
    }
  };
  function captureSegment(state, start, end, checkJson) {
    if (start < end) {
      const _result = state.input.slice(start, end);
      if (checkJson) {
        for (let _position = 0, _length = _result.length; _position < _length; _position += 1) {
          const _character = _result.charCodeAt(_position);
          if (!(_character === 9 || _character >= 32 && _character <= 1114111)) {
            throwError(state, "expected valid JSON character");
          }
        }
      } else if (PATTERN_NON_PRINTABLE.test(_result)) {
        throwError(state, "the stream contains non-printable characters");
      }
      state.result += _result;
    }
  }
  function chargeMergeWork(state) {
    state.totalMergeKeys++;
    if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) {
      throwError(state, "merge keys exceeded maxTotalMergeKeys (" + state.maxTotalMergeKeys + ")");
    }
  }
  function mergeMappings(state, destination, source, overridableKeys) {
    if (!common2.isObject(source)) {
      throwError(state, "cannot merge mappings; the provided source object is unacceptable");
    }
    chargeMergeWork(state);
    const sourceKeys = Object.keys(source);
    for (let index = 0, quantity = sourceKeys.length; index < quantity; index += 1) {
      const key = sourceKeys[index];
      chargeMergeWork(state);
      if (!_hasOwnProperty.call(destination, key)) {
        setProperty(destination, key, source[key]);
        overridableKeys[key] = true;
      }
    }
  }
  function storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, startLine, startLineStart, startPos) {
    if (Array.isArray(keyNode)) {
      keyNode = Array.prototype.slice.call(keyNode);
      for (let index = 0, quantity = keyNode.length; index < quantity; index += 1) {
        if (Array.isArray(keyNode[index])) {
          throwError(state, "nested arrays are not supported inside keys");
        }
        if (typeof keyNode === "object" && _class(keyNode[index]) === "[object Object]") {
          keyNode[index] = "[object Object]";
        }
      }
    }
    if (typeof keyNode === "object" && _class(keyNode) === "[object Object]") {
      keyNode = "[object Object]";
    }
    keyNode = String(keyNode);
    if (_result === null) {
      _result = {};
    }
    if (keyTag === "tag:yaml.org,2002:merge") {
      if (Array.isArray(valueNode)) {
        if (valueNode.length > 100) {
          throwError(state, "abnormal merge sequence size");
        }
        for (let index = 0, quantity = valueNode.length; index < quantity; index += 1) {
          mergeMappings(state, _result, valueNode[index], overridableKeys);
        }
      } else {
        mergeMappings(state, _result, valueNode, overridableKeys);
      }
    } else {
      if (!state.json && !_hasOwnProperty.call(overridableKeys, keyNode) && _hasOwnProperty.call(_result, keyNode)) {
        state.line = startLine || state.line;
        state.lineStart = startLineStart || state.lineStart;
        state.position = startPos || state.position;
        throwError(state, "duplicated mapping key");
      }
      setProperty(_result, keyNode, valueNode);
      delete overridableKeys[keyNode];
    }
    return _result;
  }
  function readLineBreak(state) {
    const ch = state.input.charCodeAt(state.position);
    if (ch === 10) {
      state.position++;
    } else if (ch === 13) {
      state.position++;
      if (state.input.charCodeAt(state.position) === 10) {
        state.position++;
      }
    } else {
      throwError(state, "a line break is expected");
    }
    state.line += 1;
    state.lineStart = state.position;
    state.firstTabInLine = -1;
  }
  function skipSeparationSpace(state, allowComments, checkIndent) {
    let lineBreaks = 0;
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      while (isWhiteSpace(ch)) {
        if (ch === 9 && state.firstTabInLine === -1) {
          state.firstTabInLine = state.position;
        }
        ch = state.input.charCodeAt(++state.position);
      }
      if (allowComments && ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (ch !== 10 && ch !== 13 && ch !== 0);
      }
      if (isEol(ch)) {
        readLineBreak(state);
        ch = state.input.charCodeAt(state.position);
        lineBreaks++;
        state.lineIndent = 0;
        while (ch === 32) {
          state.lineIndent++;
          ch = state.input.charCodeAt(++state.position);
        }
      } else {
        break;
      }
    }
    if (checkIndent !== -1 && lineBreaks !== 0 && state.lineIndent < checkIndent) {
      throwWarning(state, "deficient indentation");
    }
    return lineBreaks;
  }
  function testDocumentSeparator(state) {
    let _position = state.position;
    let ch = state.input.charCodeAt(_position);
    if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(_position + 1) && ch === state.input.charCodeAt(_position + 2)) {
      _position += 3;
      ch = state.input.charCodeAt(_position);
      if (ch === 0 || isWsOrEol(ch)) {
        return true;
      }
    }
    return false;
  }
  function writeFoldedLines(state, count) {
    if (count === 1) {
      state.result += " ";
    } else if (count > 1) {
      state.result += common2.repeat("\n", count - 1);
    }
  }
  function readPlainScalar(state, nodeIndent, withinFlowCollection) {
    let captureStart;
    let captureEnd;
    let hasPendingContent;
    let _line;
    let _lineStart;
    let _lineIndent;
    const _kind = state.kind;
    const _result = state.result;
    let ch = state.input.charCodeAt(state.position);
    if (isWsOrEol(ch) || isFlowIndicator(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96) {
      return false;
    }
    if (ch === 63 || ch === 45) {
      const following = state.input.charCodeAt(state.position + 1);
      if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following)) {
        return false;
      }
    }
    state.kind = "scalar";
    state.result = "";
    captureStart = captureEnd = state.position;
    hasPendingContent = false;
    while (ch !== 0) {
      if (ch === 58) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following)) {
          break;
        }
      } else if (ch === 35) {
        const preceding = state.input.charCodeAt(state.position - 1);
        if (isWsOrEol(preceding)) {
          break;
        }
      } else if (state.position === state.lineStart && testDocumentSeparator(state) || withinFlowCollection && isFlowIndicator(ch)) {
        break;
      } else if (isEol(ch)) {
        _line = state.line;
        _lineStart = state.lineStart;
        _lineIndent = state.lineIndent;
        skipSeparationSpace(state, false, -1);
        if (state.lineIndent >= nodeIndent) {
          hasPendingContent = true;
          ch = state.input.charCodeAt(state.position);
          continue;
        } else {
          state.position = captureEnd;
          state.line = _line;
          state.lineStart = _lineStart;
          state.lineIndent = _lineIndent;
          break;
        }
      }
      if (hasPendingContent) {
        captureSegment(state, captureStart, captureEnd, false);
        writeFoldedLines(state, state.line - _line);
        captureStart = captureEnd = state.position;
        hasPendingContent = false;
      }
      if (!isWhiteSpace(ch)) {
        captureEnd = state.position + 1;
      }
      ch = state.input.charCodeAt(++state.position);
    }
    captureSegment(state, captureStart, captureEnd, false);
    if (state.result) {
      return true;
    }
    state.kind = _kind;
    state.result = _result;
    return false;
  }
  function readSingleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 39) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 39) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (ch === 39) {
          captureStart = state.position;
          state.position++;
          captureEnd = state.position;
        } else {
          return true;
        }
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a single quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a single quoted scalar");
  }
  function readDoubleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 34) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 34) {
        captureSegment(state, captureStart, state.position, true);
        state.position++;
        return true;
      } else if (ch === 92) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (isEol(ch)) {
          skipSeparationSpace(state, false, nodeIndent);
        } else if (ch < 256 && simpleEscapeCheck[ch]) {
          state.result += simpleEscapeMap[ch];
          state.position++;
        } else if ((tmp = escapedHexLen(ch)) > 0) {
          let hexLength = tmp;
          let hexResult = 0;
          for (; hexLength > 0; hexLength--) {
            ch = state.input.charCodeAt(++state.position);
            if ((tmp = fromHexCode(ch)) >= 0) {
              hexResult = (hexResult << 4) + tmp;
            } else {
              throwError(state, "expected hexadecimal character");
            }
          }
          state.result += charFromCodepoint(hexResult);
          state.position++;
        } else {
          throwError(state, "unknown escape sequence");
        }
        captureStart = captureEnd = state.position;
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a double quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a double quoted scalar");
  }
  function readFlowCollection(state, nodeIndent) {
    let readNext = true;
    let _line;
    let _lineStart;
    let _pos;
    const _tag = state.tag;
    let _result;
    const _anchor = state.anchor;
    let terminator;
    let isPair;
    let isExplicitPair;
    let isMapping;
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyNode;
    let keyTag;
    let valueNode;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 91) {
      terminator = 93;
      isMapping = false;
      _result = [];
    } else if (ch === 123) {
      terminator = 125;
      isMapping = true;
      _result = {};
    } else {
      return false;
    }
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    ch = state.input.charCodeAt(++state.position);
    while (ch !== 0) {
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === terminator) {
        state.position++;
        state.tag = _tag;
        state.anchor = _anchor;
        state.kind = isMapping ? "mapping" : "sequence";
        state.result = _result;
        return true;
      } else if (!readNext) {
        throwError(state, "missed comma between flow collection entries");
      } else if (ch === 44) {
        throwError(state, "expected the node content, but found ','");
      }
      keyTag = keyNode = valueNode = null;
      isPair = isExplicitPair = false;
      if (ch === 63) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following)) {
          isPair = isExplicitPair = true;
          state.position++;
          skipSeparationSpace(state, true, nodeIndent);
        }
      }
      _line = state.line;
      _lineStart = state.lineStart;
      _pos = state.position;
      composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
      keyTag = state.tag;
      keyNode = state.result;
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if ((isExplicitPair || state.line === _line) && ch === 58) {
        isPair = true;
        ch = state.input.charCodeAt(++state.position);
        skipSeparationSpace(state, true, nodeIndent);
        composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
        valueNode = state.result;
      }
      if (isMapping) {
        storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos);
      } else if (isPair) {
        _result.push(storeMappingPair(state, null, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos));
      } else {
        _result.push(keyNode);
      }
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === 44) {
        readNext = true;
        ch = state.input.charCodeAt(++state.position);
      } else {
        readNext = false;
      }
    }
    throwError(state, "unexpected end of the stream within a flow collection");
  }
  function readBlockScalar(state, nodeIndent) {
    let folding;
    let chomping = CHOMPING_CLIP;
    let didReadContent = false;
    let detectedIndent = false;
    let textIndent = nodeIndent;
    let emptyLines = 0;
    let atMoreIndented = false;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 124) {
      folding = false;
    } else if (ch === 62) {
      folding = true;
    } else {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    while (ch !== 0) {
      ch = state.input.charCodeAt(++state.position);
      if (ch === 43 || ch === 45) {
        if (CHOMPING_CLIP === chomping) {
          chomping = ch === 43 ? CHOMPING_KEEP : CHOMPING_STRIP;
        } else {
          throwError(state, "repeat of a chomping mode identifier");
        }
      } else if ((tmp = fromDecimalCode(ch)) >= 0) {
        if (tmp === 0) {
          throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
        } else if (!detectedIndent) {
          textIndent = nodeIndent + tmp - 1;
          detectedIndent = true;
        } else {
          throwError(state, "repeat of an indentation width identifier");
        }
      } else {
        break;
      }
    }
    if (isWhiteSpace(ch)) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (isWhiteSpace(ch));
      if (ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (!isEol(ch) && ch !== 0);
      }
    }
    while (ch !== 0) {
      readLineBreak(state);
      state.lineIndent = 0;
      ch = state.input.charCodeAt(state.position);
      while ((!detectedIndent || state.lineIndent < textIndent) && ch === 32) {
        state.lineIndent++;
        ch = state.input.charCodeAt(++state.position);
      }
      if (!detectedIndent && state.lineIndent > textIndent) {
        textIndent = state.lineIndent;
      }
      if (isEol(ch)) {
        emptyLines++;
        continue;
      }
      if (!detectedIndent && textIndent === 0) {
        throwError(state, "missing indentation for block scalar");
      }
      if (state.lineIndent < textIndent) {
        if (chomping === CHOMPING_KEEP) {
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (chomping === CHOMPING_CLIP) {
          if (didReadContent) {
            state.result += "\n";
          }
        }
        break;
      }
      if (folding) {
        if (isWhiteSpace(ch)) {
          atMoreIndented = true;
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          state.result += common2.repeat("\n", emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) {
            state.result += " ";
          }
        } else {
          state.result += common2.repeat("\n", emptyLines);
        }
      } else {
        state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      const captureStart = state.position;
      while (!isEol(ch) && ch !== 0) {
        ch = state.input.charCodeAt(++state.position);
      }
      captureSegment(state, captureStart, state.position, false);
    }
    return true;
  }
  function readBlockSequence(state, nodeIndent) {
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = [];
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      if (ch !== 45) {
        break;
      }
      const following = state.input.charCodeAt(state.position + 1);
      if (!isWsOrEol(following)) {
        break;
      }
      detected = true;
      state.position++;
      if (skipSeparationSpace(state, true, -1)) {
        if (state.lineIndent <= nodeIndent) {
          _result.push(null);
          ch = state.input.charCodeAt(state.position);
          continue;
        }
      }
      const _line = state.line;
      composeNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
      _result.push(state.result);
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a sequence entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "sequence";
      state.result = _result;
      return true;
    }
    return false;
  }
  function readBlockMapping(state, nodeIndent, flowIndent) {
    let allowCompact;
    let _keyLine;
    let _keyLineStart;
    let _keyPos;
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = {};
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyTag = null;
    let keyNode = null;
    let valueNode = null;
    let atExplicitKey = false;
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (!atExplicitKey && state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      const following = state.input.charCodeAt(state.position + 1);
      const _line = state.line;
      if ((ch === 63 || ch === 58) && isWsOrEol(following)) {
        if (ch === 63) {
          if (atExplicitKey) {
            storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
            keyTag = keyNode = valueNode = null;
          }
          detected = true;
          atExplicitKey = true;
          allowCompact = true;
        } else if (atExplicitKey) {
          atExplicitKey = false;
          allowCompact = true;
        } else {
          throwError(state, "incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line");
        }
        state.position += 1;
        ch = following;
      } else {
        _keyLine = state.line;
        _keyLineStart = state.lineStart;
        _keyPos = state.position;
        if (!composeNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) {
          break;
        }
        if (state.line === _line) {
          ch = state.input.charCodeAt(state.position);
          while (isWhiteSpace(ch)) {
            ch = state.input.charCodeAt(++state.position);
          }
          if (ch === 58) {
            ch = state.input.charCodeAt(++state.position);
            if (!isWsOrEol(ch)) {
              throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
            }
            if (atExplicitKey) {
              storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
              keyTag = keyNode = valueNode = null;
            }
            detected = true;
            atExplicitKey = false;
            allowCompact = false;
            keyTag = state.tag;
            keyNode = state.result;
          } else if (detected) {
            throwError(state, "can not read an implicit mapping pair; a colon is missed");
          } else {
            state.tag = _tag;
            state.anchor = _anchor;
            return true;
          }
        } else if (detected) {
          throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
        } else {
          state.tag = _tag;
          state.anchor = _anchor;
          return true;
        }
      }
      if (state.line === _line || state.lineIndent > nodeIndent) {
        if (atExplicitKey) {
          _keyLine = state.line;
          _keyLineStart = state.lineStart;
          _keyPos = state.position;
        }
        if (composeNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, allowCompact)) {
          if (atExplicitKey) {
            keyNode = state.result;
          } else {
            valueNode = state.result;
          }
        }
        if (!atExplicitKey) {
          storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _keyLine, _keyLineStart, _keyPos);
          keyTag = keyNode = valueNode = null;
        }
        skipSeparationSpace(state, true, -1);
        ch = state.input.charCodeAt(state.position);
      }
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a mapping entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (atExplicitKey) {
      storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "mapping";
      state.result = _result;
    }
    return detected;
  }
  function readTagProperty(state) {
    let isVerbatim = false;
    let isNamed = false;
    let tagHandle;
    let tagName;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 33) return false;
    if (state.tag !== null) {
      throwError(state, "duplication of a tag property");
    }
    ch = state.input.charCodeAt(++state.position);
    if (ch === 60) {
      isVerbatim = true;
      ch = state.input.charCodeAt(++state.position);
    } else if (ch === 33) {
      isNamed = true;
      tagHandle = "!!";
      ch = state.input.charCodeAt(++state.position);
    } else {
      tagHandle = "!";
    }
    let _position = state.position;
    if (isVerbatim) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (ch !== 0 && ch !== 62);
      if (state.position < state.length) {
        tagName = state.input.slice(_position, state.position);
        ch = state.input.charCodeAt(++state.position);
      } else {
        throwError(state, "unexpected end of the stream within a verbatim tag");
      }
    } else {
      while (ch !== 0 && !isWsOrEol(ch)) {
        if (ch === 33) {
          if (!isNamed) {
            tagHandle = state.input.slice(_position - 1, state.position + 1);
            if (!PATTERN_TAG_HANDLE.test(tagHandle)) {
              throwError(state, "named tag handle cannot contain such characters");
            }
            isNamed = true;
            _position = state.position + 1;
          } else {
            throwError(state, "tag suffix cannot contain exclamation marks");
          }
        }
        ch = state.input.charCodeAt(++state.position);
      }
      tagName = state.input.slice(_position, state.position);
      if (PATTERN_FLOW_INDICATORS.test(tagName)) {
        throwError(state, "tag suffix cannot contain flow indicator characters");
      }
    }
    if (tagName && !PATTERN_TAG_URI.test(tagName)) {
      throwError(state, "tag name cannot contain such characters: " + tagName);
    }
    try {
      tagName = decodeURIComponent(tagName);
    } catch (err) {
      throwError(state, "tag name is malformed: " + tagName);
    }
    if (isVerbatim) {
      state.tag = tagName;
    } else if (_hasOwnProperty.call(state.tagMap, tagHandle)) {
      state.tag = state.tagMap[tagHandle] + tagName;
    } else if (tagHandle === "!") {
      state.tag = "!" + tagName;
    } else if (tagHandle === "!!") {
      state.tag = "tag:yaml.org,2002:" + tagName;
    } else {
      throwError(state, 'undeclared tag handle "' + tagHandle + '"');
    }
    return true;
  }
  function readAnchorProperty(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 38) return false;
    if (state.anchor !== null) {
      throwError(state, "duplication of an anchor property");
    }
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an anchor node must contain at least one character");
    }
    state.anchor = state.input.slice(_position, state.position);
    return true;
  }
  function readAlias(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 42) return false;
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an alias node must contain at least one character");
    }
    const alias = state.input.slice(_position, state.position);
    if (!_hasOwnProperty.call(state.anchorMap, alias)) {
      throwError(state, 'unidentified alias "' + alias + '"');
    }
    state.result = state.anchorMap[alias];
    skipSeparationSpace(state, true, -1);
    return true;
  }
  function tryReadBlockMappingFromProperty(state, propertyStart, nodeIndent, flowIndent) {
    const fallbackState = snapshotState(state);
    beginAnchorTransaction(state);
    restoreState(state, propertyStart);
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    if (readBlockMapping(state, nodeIndent, flowIndent) && state.kind === "mapping") {
      commitAnchorTransaction(state);
      return true;
    }
    rollbackAnchorTransaction(state);
    restoreState(state, fallbackState);
    return false;
  }
  function composeNode(state, parentIndent, nodeContext, allowToSeek, allowCompact) {
    let allowBlockScalars;
    let allowBlockCollections;
    let indentStatus = 1;
    let atNewLine = false;
    let hasContent = false;
    let propertyStart = null;
    let type2;
    let flowIndent;
    let blockIndent;
    if (state.depth >= state.maxDepth) {
      throwError(state, "nesting exceeded maxDepth (" + state.maxDepth + ")");
    }
    state.depth += 1;
    if (state.listener !== null) {
      state.listener("open", state);
    }
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    const allowBlockStyles = allowBlockScalars = allowBlockCollections = CONTEXT_BLOCK_OUT === nodeContext || CONTEXT_BLOCK_IN === nodeContext;
    if (allowToSeek) {
      if (skipSeparationSpace(state, true, -1)) {
        atNewLine = true;
        if (state.lineIndent > parentIndent) {
          indentStatus = 1;
        } else if (state.lineIndent === parentIndent) {
          indentStatus = 0;
        } else if (state.lineIndent < parentIndent) {
          indentStatus = -1;
        }
      }
    }
    if (indentStatus === 1) {
      while (true) {
        const ch = state.input.charCodeAt(state.position);
        const propertyState = snapshotState(state);
        if (atNewLine && (ch === 33 && state.tag !== null || ch === 38 && state.anchor !== null)) {
          break;
        }
        if (!readTagProperty(state) && !readAnchorProperty(state)) {
          break;
        }
        if (propertyStart === null) {
          propertyStart = propertyState;
        }
        if (skipSeparationSpace(state, true, -1)) {
          atNewLine = true;
          allowBlockCollections = allowBlockStyles;
          if (state.lineIndent > parentIndent) {
            indentStatus = 1;
          } else if (state.lineIndent === parentIndent) {
            indentStatus = 0;
          } else if (state.lineIndent < parentIndent) {
            indentStatus = -1;
          }
        } else {
          allowBlockCollections = false;
        }
      }
    }
    if (allowBlockCollections) {
      allowBlockCollections = atNewLine || allowCompact;
    }
    if (indentStatus === 1 || CONTEXT_BLOCK_OUT === nodeContext) {
      if (CONTEXT_FLOW_IN === nodeContext || CONTEXT_FLOW_OUT === nodeContext) {
        flowIndent = parentIndent;
      } else {
        flowIndent = parentIndent + 1;
      }
      blockIndent = state.position - state.lineStart;
      if (indentStatus === 1) {
        if (allowBlockCollections && (readBlockSequence(state, blockIndent) || readBlockMapping(state, blockIndent, flowIndent)) || readFlowCollection(state, flowIndent)) {
          hasContent = true;
        } else {
          const ch = state.input.charCodeAt(state.position);
          if (propertyStart !== null && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62 && tryReadBlockMappingFromProperty(
            state,
            propertyStart,
            propertyStart.position - propertyStart.lineStart,
            flowIndent
          )) {
            hasContent = true;
          } else if (allowBlockScalars && readBlockScalar(state, flowIndent) || readSingleQuotedScalar(state, flowIndent) || readDoubleQuotedScalar(state, flowIndent)) {
            hasContent = true;
          } else if (readAlias(state)) {
            hasContent = true;
            if (state.tag !== null || state.anchor !== null) {
              throwError(state, "alias node should not have any properties");
            }
          } else if (readPlainScalar(state, flowIndent, CONTEXT_FLOW_IN === nodeContext)) {
            hasContent = true;
            if (state.tag === null) {
              state.tag = "?";
            }
          }
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
        }
      } else if (indentStatus === 0) {
        hasContent = allowBlockCollections && readBlockSequence(state, blockIndent);
      }
    }
    if (state.tag === null) {
      if (state.anchor !== null) {
        storeAnchor(state, state.anchor, state.result);
      }
    } else if (state.tag === "?") {
      if (state.result !== null && state.kind !== "scalar") {
        throwError(state, 'unacceptable node kind for !<?> tag; it should be "scalar", not "' + state.kind + '"');
      }
      for (let typeIndex = 0, typeQuantity = state.implicitTypes.length; typeIndex < typeQuantity; typeIndex += 1) {
        type2 = state.implicitTypes[typeIndex];
        if (type2.resolve(state.result)) {
          state.result = type2.construct(state.result);
          state.tag = type2.tag;
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
          break;
        }
      }
    } else if (state.tag !== "!") {
      if (_hasOwnProperty.call(state.typeMap[state.kind || "fallback"], state.tag)) {
        type2 = state.typeMap[state.kind || "fallback"][state.tag];
      } else {
        type2 = null;
        const typeList = state.typeMap.multi[state.kind || "fallback"];
        for (let typeIndex = 0, typeQuantity = typeList.length; typeIndex < typeQuantity; typeIndex += 1) {
          if (state.tag.slice(0, typeList[typeIndex].tag.length) === typeList[typeIndex].tag) {
            type2 = typeList[typeIndex];
            break;
          }
        }
      }
      if (!type2) {
        throwError(state, "unknown tag !<" + state.tag + ">");
      }
      if (state.result !== null && type2.kind !== state.kind) {
        throwError(state, "unacceptable node kind for !<" + state.tag + '> tag; it should be "' + type2.kind + '", not "' + state.kind + '"');
      }
      if (!type2.resolve(state.result, state.tag)) {
        throwError(state, "cannot resolve a node with !<" + state.tag + "> explicit tag");
      } else {
        state.result = type2.construct(state.result, state.tag);
        if (state.anchor !== null) {
          storeAnchor(state, state.anchor, state.result);
        }
      }
    }
    if (state.listener !== null) {
      state.listener("close", state);
    }
    state.depth -= 1;
    return state.tag !== null || state.anchor !== null || hasContent;
  }
  function readDocument(state) {
    const documentStart = state.position;
    let hasDirectives = false;
    let ch;
    state.version = null;
    state.checkLineBreaks = state.legacy;
    state.tagMap = /* @__PURE__ */ Object.create(null);
    state.anchorMap = /* @__PURE__ */ Object.create(null);
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if (state.lineIndent > 0 || ch !== 37) {
        break;
      }
      hasDirectives = true;
      ch = state.input.charCodeAt(++state.position);
      let _position = state.position;
      while (ch !== 0 && !isWsOrEol(ch)) {
        ch = state.input.charCodeAt(++state.position);
      }
      const directiveName = state.input.slice(_position, state.position);
      const directiveArgs = [];
      if (directiveName.length < 1) {
        throwError(state, "directive name must not be less than one character in length");
      }
      while (ch !== 0) {
        while (isWhiteSpace(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        if (ch === 35) {
          do {
            ch = state.input.charCodeAt(++state.position);
          } while (ch !== 0 && !isEol(ch));
          break;
        }
        if (isEol(ch)) break;
        _position = state.position;
        while (ch !== 0 && !isWsOrEol(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        directiveArgs.push(state.input.slice(_position, state.position));
      }
      if (ch !== 0) readLineBreak(state);
      if (_hasOwnProperty.call(directiveHandlers, directiveName)) {
        directiveHandlers[directiveName](state, directiveName, directiveArgs);
      } else {
        throwWarning(state, 'unknown document directive "' + directiveName + '"');
      }
    }
    skipSeparationSpace(state, true, -1);
    if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45) {
      state.position += 3;
      skipSeparationSpace(state, true, -1);
    } else if (hasDirectives) {
      throwError(state, "directives end mark is expected");
    }
    composeNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
    skipSeparationSpace(state, true, -1);
    if (state.checkLineBreaks && PATTERN_NON_ASCII_LINE_BREAKS.test(state.input.slice(documentStart, state.position))) {
      throwWarning(state, "non-ASCII line breaks are interpreted as content");
    }
    state.documents.push(state.result);
    if (state.position === state.lineStart && testDocumentSeparator(state)) {
      if (state.input.charCodeAt(state.position) === 46) {
        state.position += 3;
        skipSeparationSpace(state, true, -1);
      }
      return;
    }
    if (state.position < state.length - 1) {
      throwError(state, "end of the stream or a document separator is expected");
    }
  }
  function loadDocuments(input, options) {
    input = String(input);
    options = options || {};
    if (input.length !== 0) {
      if (input.charCodeAt(input.length - 1) !== 10 && input.charCodeAt(input.length - 1) !== 13) {
        input += "\n";
      }
      if (input.charCodeAt(0) === 65279) {
        input = input.slice(1);
      }
    }
    const state = new State(input, options);
    const nullpos = input.indexOf("\0");
    if (nullpos !== -1) {
      state.position = nullpos;
      throwError(state, "null byte is not allowed in input");
    }
    state.input += "\0";
    while (state.input.charCodeAt(state.position) === 32) {
      state.lineIndent += 1;
      state.position += 1;
    }
    while (state.position < state.length - 1) {
      readDocument(state);
    }
    return state.documents;
  }
  function loadAll2(input, iterator, options) {
    if (iterator !== null && typeof iterator === "object" && typeof options === "undefined") {
      options = iterator;
      iterator = null;
    }
    const documents = loadDocuments(input, options);
    if (typeof iterator !== "function") {
      return documents;
    }
    for (let index = 0, length = documents.length; index < length; index += 1) {
      iterator(documents[index]);
    }
  }
  function load2(input, options) {
    const documents = loadDocuments(input, options);
    if (documents.length === 0) {
      return void 0;
    } else if (documents.length === 1) {
      return documents[0];
    }
    throw new YAMLException2("expected a single document in the stream, but found more");
  }
  loader.loadAll = loadAll2;
  loader.load = load2;
  return loader;
}
var dumper = {};
var hasRequiredDumper;
function requireDumper() {
  if (hasRequiredDumper) return dumper;
  hasRequiredDumper = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const DEFAULT_SCHEMA2 = require_default();
  const _toString = Object.prototype.toString;
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CHAR_BOM = 65279;
  const CHAR_TAB = 9;
  const CHAR_LINE_FEED = 10;
  const CHAR_CARRIAGE_RETURN = 13;
  const CHAR_SPACE = 32;
  const CHAR_EXCLAMATION = 33;
  const CHAR_DOUBLE_QUOTE = 34;
  const CHAR_SHARP = 35;
  const CHAR_PERCENT = 37;
  const CHAR_AMPERSAND = 38;
  const CHAR_SINGLE_QUOTE = 39;
  const CHAR_ASTERISK = 42;
  const CHAR_COMMA = 44;
  const CHAR_MINUS = 45;
  const CHAR_COLON = 58;
  const CHAR_EQUALS = 61;
  const CHAR_GREATER_THAN = 62;
  const CHAR_QUESTION = 63;
  const CHAR_COMMERCIAL_AT = 64;
  const CHAR_LEFT_SQUARE_BRACKET = 91;
  const CHAR_RIGHT_SQUARE_BRACKET = 93;
  const CHAR_GRAVE_ACCENT = 96;
  const CHAR_LEFT_CURLY_BRACKET = 123;
  const CHAR_VERTICAL_LINE = 124;
  const CHAR_RIGHT_CURLY_BRACKET = 125;
  const ESCAPE_SEQUENCES = {};
  ESCAPE_SEQUENCES[0] = "\\0";
  ESCAPE_SEQUENCES[7] = "\\a";
  ESCAPE_SEQUENCES[8] = "\\b";
  ESCAPE_SEQUENCES[9] = "\\t";
  ESCAPE_SEQUENCES[10] = "\\n";
  ESCAPE_SEQUENCES[11] = "\\v";
  ESCAPE_SEQUENCES[12] = "\\f";
  ESCAPE_SEQUENCES[13] = "\\r";
  ESCAPE_SEQUENCES[27] = "\\e";
  ESCAPE_SEQUENCES[34] = '\\"';
  ESCAPE_SEQUENCES[92] = "\\\\";
  ESCAPE_SEQUENCES[133] = "\\N";
  ESCAPE_SEQUENCES[160] = "\\_";
  ESCAPE_SEQUENCES[8232] = "\\L";
  ESCAPE_SEQUENCES[8233] = "\\P";
  const DEPRECATED_BOOLEANS_SYNTAX = [
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "on",
    "On",
    "ON",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "off",
    "Off",
    "OFF"
  ];
  const DEPRECATED_BASE60_SYNTAX = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
  function compileStyleMap(schema2, map2) {
    if (map2 === null) return {};
    const result = {};
    const keys = Object.keys(map2);
    for (let index = 0, length = keys.length; index < length; index += 1) {
      let tag = keys[index];
      let style = String(map2[tag]);
      if (tag.slice(0, 2) === "!!") {
        tag = "tag:yaml.org,2002:" + tag.slice(2);
      }
      const type2 = schema2.compiledTypeMap["fallback"][tag];
      if (type2 && _hasOwnProperty.call(type2.styleAliases, style)) {
        style = type2.styleAliases[style];
      }
      result[tag] = style;
    }
    return result;
  }
  function encodeHex(character) {
    let handle;
    let length;
    const string = character.toString(16).toUpperCase();
    if (character <= 255) {
      handle = "x";
      length = 2;
    } else if (character <= 65535) {
      handle = "u";
      length = 4;
    } else if (character <= 4294967295) {
      handle = "U";
      length = 8;
    } else {
      throw new YAMLException2("code point within a string may not be greater than 0xFFFFFFFF");
    }
    return "\\" + handle + common2.repeat("0", length - string.length) + string;
  }
  const QUOTING_TYPE_SINGLE = 1;
  const QUOTING_TYPE_DOUBLE = 2;
  function State(options) {
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.indent = Math.max(1, options["indent"] || 2);
    this.noArrayIndent = options["noArrayIndent"] || false;
    this.skipInvalid = options["skipInvalid"] || false;
    this.flowLevel = common2.isNothing(options["flowLevel"]) ? -1 : options["flowLevel"];
    this.styleMap = compileStyleMap(this.schema, options["styles"] || null);
    this.sortKeys = options["sortKeys"] || false;
    this.lineWidth = options["lineWidth"] || 80;
    this.noRefs = options["noRefs"] || false;
    this.noCompatMode = options["noCompatMode"] || false;
    this.condenseFlow = options["condenseFlow"] || false;
    this.quotingType = options["quotingType"] === '"' ? QUOTING_TYPE_DOUBLE : QUOTING_TYPE_SINGLE;
    this.forceQuotes = options["forceQuotes"] || false;
    this.replacer = typeof options["replacer"] === "function" ? options["replacer"] : null;
    this.implicitTypes = this.schema.compiledImplicit;
    this.explicitTypes = this.schema.compiledExplicit;
    this.tag = null;
    this.result = "";
    this.duplicates = [];
    this.usedDuplicates = null;
  }
  function indentString(string, spaces) {
    const ind = common2.repeat(" ", spaces);
    let position = 0;
    let result = "";
    const length = string.length;
    while (position < length) {
      let line;
      const next = string.indexOf("\n", position);
      if (next === -1) {
        line = string.slice(position);
        position = length;
      } else {
        line = string.slice(position, next + 1);
        position = next + 1;
      }
      if (line.length && line !== "\n") result += ind;
      result += line;
    }
    return result;
  }
  function generateNextLine(state, level) {
    return "\n" + common2.repeat(" ", state.indent * level);
  }
  function testImplicitResolving(state, str2) {
    for (let index = 0, length = state.implicitTypes.length; index < length; index += 1) {
      const type2 = state.implicitTypes[index];
      if (type2.resolve(str2)) {
        return true;
      }
    }
    return false;
  }
  function isWhitespace(c) {
    return c === CHAR_SPACE || c === CHAR_TAB;
  }
  function isPrintable(c) {
    return c >= 32 && c <= 126 || c >= 161 && c <= 55295 && c !== 8232 && c !== 8233 || c >= 57344 && c <= 65533 && c !== CHAR_BOM || c >= 65536 && c <= 1114111;
  }
  function isNsCharOrWhitespace(c) {
    return isPrintable(c) && c !== CHAR_BOM && // - b-char
    c !== CHAR_CARRIAGE_RETURN && c !== CHAR_LINE_FEED;
  }
  function isPlainSafe(c, prev, inblock) {
    const cIsNsCharOrWhitespace = isNsCharOrWhitespace(c);
    const cIsNsChar = cIsNsCharOrWhitespace && !isWhitespace(c);
    return (
      // ns-plain-safe
      (inblock ? cIsNsCharOrWhitespace : cIsNsCharOrWhitespace && // - c-flow-indicator
      c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET) && // ns-plain-char
      c !== CHAR_SHARP && // false on '#'
      !(prev === CHAR_COLON && !cIsNsChar) || // false on ': '
      isNsCharOrWhitespace(prev) && !isWhitespace(prev) && c === CHAR_SHARP || // change to true on '[^ ]#'
      prev === CHAR_COLON && cIsNsChar
    );
  }
  function isPlainSafeFirst(c) {
    return isPrintable(c) && c !== CHAR_BOM && !isWhitespace(c) && // - s-white
    // - (c-indicator ::=
    // “-” | “?” | “:” | “,” | “[” | “]” | “{” | “}”
    c !== CHAR_MINUS && c !== CHAR_QUESTION && c !== CHAR_COLON && c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET && // | “#” | “&” | “*” | “!” | “|” | “=” | “>” | “'” | “"”
    c !== CHAR_SHARP && c !== CHAR_AMPERSAND && c !== CHAR_ASTERISK && c !== CHAR_EXCLAMATION && c !== CHAR_VERTICAL_LINE && c !== CHAR_EQUALS && c !== CHAR_GREATER_THAN && c !== CHAR_SINGLE_QUOTE && c !== CHAR_DOUBLE_QUOTE && // | “%” | “@” | “`”)
    c !== CHAR_PERCENT && c !== CHAR_COMMERCIAL_AT && c !== CHAR_GRAVE_ACCENT;
  }
  function isPlainSafeLast(c) {
    return !isWhitespace(c) && c !== CHAR_COLON;
  }
  function codePointAt(string, pos) {
    const first = string.charCodeAt(pos);
    let second;
    if (first >= 55296 && first <= 56319 && pos + 1 < string.length) {
      second = string.charCodeAt(pos + 1);
      if (second >= 56320 && second <= 57343) {
        return (first - 55296) * 1024 + second - 56320 + 65536;
      }
    }
    return first;
  }
  function needIndentIndicator(string) {
    const leadingSpaceRe = /^\n* /;
    return leadingSpaceRe.test(string);
  }
  const STYLE_PLAIN = 1;
  const STYLE_SINGLE = 2;
  const STYLE_LITERAL = 3;
  const STYLE_FOLDED = 4;
  const STYLE_DOUBLE = 5;
  function chooseScalarStyle(string, singleLineOnly, indentPerLevel, lineWidth, testAmbiguousType, quotingType, forceQuotes, inblock) {
    let i;
    let char = 0;
    let prevChar = null;
    let hasLineBreak = false;
    let hasFoldableLine = false;
    const shouldTrackWidth = lineWidth !== -1;
    let previousLineBreak = -1;
    let plain = isPlainSafeFirst(codePointAt(string, 0)) && isPlainSafeLast(codePointAt(string, string.length - 1));
    if (singleLineOnly || forceQuotes) {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
    } else {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (char === CHAR_LINE_FEED) {
          hasLineBreak = true;
          if (shouldTrackWidth) {
            hasFoldableLine = hasFoldableLine || // Foldable line = too long, and not more-indented.
            i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ";
            previousLineBreak = i;
          }
        } else if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
      hasFoldableLine = hasFoldableLine || shouldTrackWidth && (i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ");
    }
    if (!hasLineBreak && !hasFoldableLine) {
      if (plain && !forceQuotes && !testAmbiguousType(string)) {
        return STYLE_PLAIN;
      }
      return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
    }
    if (indentPerLevel > 9 && needIndentIndicator(string)) {
      return STYLE_DOUBLE;
    }
    if (!forceQuotes) {
      return hasFoldableLine ? STYLE_FOLDED : STYLE_LITERAL;
    }
    return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
  }
  function writeScalar(state, string, level, iskey, inblock) {
    state.dump = (function() {
      if (string.length === 0) {
        return state.quotingType === QUOTING_TYPE_DOUBLE ? '""' : "''";
      }
      if (!state.noCompatMode) {
        if (DEPRECATED_BOOLEANS_SYNTAX.indexOf(string) !== -1 || DEPRECATED_BASE60_SYNTAX.test(string)) {
          return state.quotingType === QUOTING_TYPE_DOUBLE ? '"' + string + '"' : "'" + string + "'";
        }
      }
      const indent = state.indent * Math.max(1, level);
      const lineWidth = state.lineWidth === -1 ? -1 : Math.max(Math.min(state.lineWidth, 40), state.lineWidth - indent);
      const singleLineOnly = iskey || // No block styles in flow mode.
      state.flowLevel > -1 && level >= state.flowLevel;
      function testAmbiguity(string2) {
        return testImplicitResolving(state, string2);
      }
      switch (chooseScalarStyle(
        string,
        singleLineOnly,
        state.indent,
        lineWidth,
        testAmbiguity,
        state.quotingType,
        state.forceQuotes && !iskey,
        inblock
      )) {
        case STYLE_PLAIN:
          return string;
        case STYLE_SINGLE:
          return "'" + string.replace(/'/g, "''") + "'";
        case STYLE_LITERAL:
          return "|" + blockHeader(string, state.indent) + dropEndingNewline(indentString(string, indent));
        case STYLE_FOLDED:
          return ">" + blockHeader(string, state.indent) + dropEndingNewline(indentString(foldString(string, lineWidth), indent));
        case STYLE_DOUBLE:
          return '"' + escapeString(string) + '"';
        default:
          throw new YAMLException2("impossible error: invalid scalar style");
      }
    })();
  }
  function blockHeader(string, indentPerLevel) {
    const indentIndicator = needIndentIndicator(string) ? String(indentPerLevel) : "";
    const clip = string[string.length - 1] === "\n";
    const keep = clip && (string[string.length - 2] === "\n" || string === "\n");
    const chomp = keep ? "+" : clip ? "" : "-";
    return indentIndicator + chomp + "\n";
  }
  function dropEndingNewline(string) {
    return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
  }
  function foldString(string, width) {
    const lineRe = /(\n+)([^\n]*)/g;
    let result = (function() {
      let nextLF = string.indexOf("\n");
      nextLF = nextLF !== -1 ? nextLF : string.length;
      lineRe.lastIndex = nextLF;
      return foldLine(string.slice(0, nextLF), width);
    })();
    let prevMoreIndented = string[0] === "\n" || string[0] === " ";
    let moreIndented;
    let match;
    while (match = lineRe.exec(string)) {
      const prefix = match[1];
      const line = match[2];
      moreIndented = line[0] === " ";
      result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
      prevMoreIndented = moreIndented;
    }
    return result;
  }
  function foldLine(line, width) {
    if (line === "" || line[0] === " ") return line;
    const breakRe = / [^ ]/g;
    let match;
    let start = 0;
    let end;
    let curr = 0;
    let next = 0;
    let result = "";
    while (match = breakRe.exec(line)) {
      next = match.index;
      if (next - start > width) {
        end = curr > start ? curr : next;
        result += "\n" + line.slice(start, end);
        start = end + 1;
      }
      curr = next;
    }
    result += "\n";
    if (line.length - start > width && curr > start) {
      result += line.slice(start, curr) + "\n" + line.slice(curr + 1);
    } else {
      result += line.slice(start);
    }
    return result.slice(1);
  }
  function escapeString(string) {
    let result = "";
    let char = 0;
    for (let i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
      char = codePointAt(string, i);
      const escapeSeq = ESCAPE_SEQUENCES[char];
      if (!escapeSeq && isPrintable(char)) {
        result += string[i];
        if (char >= 65536) result += string[i + 1];
      } else {
        result += escapeSeq || encodeHex(char);
      }
    }
    return result;
  }
  function writeFlowSequence(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      if (state.replacer) {
        value = state.replacer.call(object, String(index), value);
      }
      if (writeNode(state, level, value, false, false) || typeof value === "undefined" && writeNode(state, level, null, false, false)) {
        if (_result !== "") _result += "," + (!state.condenseFlow ? " " : "");
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = "[" + _result + "]";
  }
  function writeBlockSequence(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      if (state.replacer) {
        value = state.replacer.call(object, String(index), value);
      }
      if (writeNode(state, level + 1, value, true, true, false, true) || typeof value === "undefined" && writeNode(state, level + 1, null, true, true, false, true)) {
        if (!compact || _result !== "") {
          _result += generateNextLine(state, level);
        }
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          _result += "-";
        } else {
          _result += "- ";
        }
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = _result || "[]";
  }
  function writeFlowMapping(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      if (_result !== "") pairBuffer += ", ";
      if (state.condenseFlow) pairBuffer += '"';
      const objectKey = objectKeyList[index];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level, objectKey, false, false)) {
        continue;
      }
      if (state.dump.length > 1024) pairBuffer += "? ";
      pairBuffer += state.dump + (state.condenseFlow ? '"' : "") + ":" + (state.condenseFlow ? "" : " ");
      if (!writeNode(state, level, objectValue, false, false)) {
        continue;
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = "{" + _result + "}";
  }
  function writeBlockMapping(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    if (state.sortKeys === true) {
      objectKeyList.sort();
    } else if (typeof state.sortKeys === "function") {
      objectKeyList.sort(state.sortKeys);
    } else if (state.sortKeys) {
      throw new YAMLException2("sortKeys must be a boolean or a function");
    }
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      if (!compact || _result !== "") {
        pairBuffer += generateNextLine(state, level);
      }
      const objectKey = objectKeyList[index];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level + 1, objectKey, true, true, true)) {
        continue;
      }
      const explicitPair = state.tag !== null && state.tag !== "?" || state.dump && state.dump.length > 1024;
      if (explicitPair) {
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          pairBuffer += "?";
        } else {
          pairBuffer += "? ";
        }
      }
      pairBuffer += state.dump;
      if (explicitPair) {
        pairBuffer += generateNextLine(state, level);
      }
      if (!writeNode(state, level + 1, objectValue, true, explicitPair)) {
        continue;
      }
      if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
        pairBuffer += ":";
      } else {
        pairBuffer += ": ";
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = _result || "{}";
  }
  function detectType(state, object, explicit) {
    const typeList = explicit ? state.explicitTypes : state.implicitTypes;
    for (let index = 0, length = typeList.length; index < length; index += 1) {
      const type2 = typeList[index];
      if ((type2.instanceOf || type2.predicate) && (!type2.instanceOf || typeof object === "object" && object instanceof type2.instanceOf) && (!type2.predicate || type2.predicate(object))) {
        if (explicit) {
          if (type2.multi && type2.representName) {
            state.tag = type2.representName(object);
          } else {
            state.tag = type2.tag;
          }
        } else {
          state.tag = "?";
        }
        if (type2.represent) {
          const style = state.styleMap[type2.tag] || type2.defaultStyle;
          let _result;
          if (_toString.call(type2.represent) === "[object Function]") {
            _result = type2.represent(object, style);
          } else if (_hasOwnProperty.call(type2.represent, style)) {
            _result = type2.represent[style](object, style);
          } else {
            throw new YAMLException2("!<" + type2.tag + '> tag resolver accepts not "' + style + '" style');
          }
          state.dump = _result;
        }
        return true;
      }
    }
    return false;
  }
  function writeNode(state, level, object, block, compact, iskey, isblockseq) {
    state.tag = null;
    state.dump = object;
    if (!detectType(state, object, false)) {
      detectType(state, object, true);
    }
    const type2 = _toString.call(state.dump);
    const inblock = block;
    if (block) {
      block = state.flowLevel < 0 || state.flowLevel > level;
    }
    const objectOrArray = type2 === "[object Object]" || type2 === "[object Array]";
    let duplicateIndex;
    let duplicate;
    if (objectOrArray) {
      duplicateIndex = state.duplicates.indexOf(object);
      duplicate = duplicateIndex !== -1;
    }
    if (state.tag !== null && state.tag !== "?" || duplicate || state.indent !== 2 && level > 0) {
      compact = false;
    }
    if (duplicate && state.usedDuplicates[duplicateIndex]) {
      state.dump = "*ref_" + duplicateIndex;
    } else {
      if (objectOrArray && duplicate && !state.usedDuplicates[duplicateIndex]) {
        state.usedDuplicates[duplicateIndex] = true;
      }
      if (type2 === "[object Object]") {
        if (block && Object.keys(state.dump).length !== 0) {
          writeBlockMapping(state, level, state.dump, compact);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowMapping(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object Array]") {
        if (block && state.dump.length !== 0) {
          if (state.noArrayIndent && !isblockseq && level > 0) {
            writeBlockSequence(state, level - 1, state.dump, compact);
          } else {
            writeBlockSequence(state, level, state.dump, compact);
          }
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowSequence(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object String]") {
        if (state.tag !== "?") {
          writeScalar(state, state.dump, level, iskey, inblock);
        }
      } else if (type2 === "[object Undefined]") {
        return false;
      } else {
        if (state.skipInvalid) return false;
        throw new YAMLException2("unacceptable kind of an object to dump " + type2);
      }
      if (state.tag !== null && state.tag !== "?") {
        let tagStr = encodeURI(
          state.tag[0] === "!" ? state.tag.slice(1) : state.tag
        ).replace(/!/g, "%21");
        if (state.tag[0] === "!") {
          tagStr = "!" + tagStr;
        } else if (tagStr.slice(0, 18) === "tag:yaml.org,2002:") {
          tagStr = "!!" + tagStr.slice(18);
        } else {
          tagStr = "!<" + tagStr + ">";
        }
        state.dump = tagStr + " " + state.dump;
      }
    }
    return true;
  }
  function getDuplicateReferences(object, state) {
    const objects = [];
    const duplicatesIndexes = [];
    inspectNode(object, objects, duplicatesIndexes);
    const length = duplicatesIndexes.length;
    for (let index = 0; index < length; index += 1) {
      state.duplicates.push(objects[duplicatesIndexes[index]]);
    }
    state.usedDuplicates = new Array(length);
  }
  function inspectNode(object, objects, duplicatesIndexes) {
    if (object !== null && typeof object === "object") {
      const index = objects.indexOf(object);
      if (index !== -1) {
        if (duplicatesIndexes.indexOf(index) === -1) {
          duplicatesIndexes.push(index);
        }
      } else {
        objects.push(object);
        if (Array.isArray(object)) {
          for (let i = 0, length = object.length; i < length; i += 1) {
            inspectNode(object[i], objects, duplicatesIndexes);
          }
        } else {
          const objectKeyList = Object.keys(object);
          for (let i = 0, length = objectKeyList.length; i < length; i += 1) {
            inspectNode(object[objectKeyList[i]], objects, duplicatesIndexes);
          }
        }
      }
    }
  }
  function dump2(input, options) {
    options = options || {};
    const state = new State(options);
    if (!state.noRefs) getDuplicateReferences(input, state);
    let value = input;
    if (state.replacer) {
      value = state.replacer.call({ "": value }, "", value);
    }
    if (writeNode(state, 0, value, true, true)) return state.dump + "\n";
    return "";
  }
  dumper.dump = dump2;
  return dumper;
}
var hasRequiredJsYaml;
function requireJsYaml() {
  if (hasRequiredJsYaml) return jsYaml;
  hasRequiredJsYaml = 1;
  const loader2 = requireLoader();
  const dumper2 = requireDumper();
  function renamed(from, to) {
    return function() {
      throw new Error("Function yaml." + from + " is removed in js-yaml 4. Use yaml." + to + " instead, which is now safe by default.");
    };
  }
  jsYaml.Type = requireType();
  jsYaml.Schema = requireSchema();
  jsYaml.FAILSAFE_SCHEMA = requireFailsafe();
  jsYaml.JSON_SCHEMA = requireJson();
  jsYaml.CORE_SCHEMA = requireCore();
  jsYaml.DEFAULT_SCHEMA = require_default();
  jsYaml.load = loader2.load;
  jsYaml.loadAll = loader2.loadAll;
  jsYaml.dump = dumper2.dump;
  jsYaml.YAMLException = requireException();
  jsYaml.types = {
    binary: requireBinary(),
    float: requireFloat(),
    map: requireMap(),
    null: require_null(),
    pairs: requirePairs(),
    set: requireSet(),
    timestamp: requireTimestamp(),
    bool: requireBool(),
    int: requireInt(),
    merge: requireMerge(),
    omap: requireOmap(),
    seq: requireSeq(),
    str: requireStr()
  };
  jsYaml.safeLoad = renamed("safeLoad", "load");
  jsYaml.safeLoadAll = renamed("safeLoadAll", "loadAll");
  jsYaml.safeDump = renamed("safeDump", "dump");
  return jsYaml;
}
var jsYamlExports = requireJsYaml();
const yaml = /* @__PURE__ */ getDefaultExportFromCjs(jsYamlExports);
const {
  Type,
  Schema,
  FAILSAFE_SCHEMA,
  JSON_SCHEMA,
  CORE_SCHEMA,
  DEFAULT_SCHEMA,
  load,
  loadAll,
  dump,
  YAMLException,
  types,
  safeLoad,
  safeLoadAll,
  safeDump
} = yaml;

//# sourceMappingURL=js-yaml.mjs.map


/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/ensure chunk */
/******/ 	(() => {
/******/ 		__nccwpck_require__.f = {};
/******/ 		// This file contains only the entry chunk.
/******/ 		// The chunk loading function for additional chunks
/******/ 		__nccwpck_require__.e = (chunkId) => {
/******/ 			return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 				__nccwpck_require__.f[key](chunkId, promises);
/******/ 				return promises;
/******/ 			}, []));
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/get javascript chunk filename */
/******/ 	(() => {
/******/ 		// This function allow to reference async chunks
/******/ 		__nccwpck_require__.u = (chunkId) => {
/******/ 			// return url for filenames based on template
/******/ 			return "" + chunkId + ".index.js";
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		// no baseURI
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		var installChunk = (chunk) => {
/******/ 			var moreModules = chunk.modules, chunkIds = chunk.ids, runtime = chunk.runtime;
/******/ 			for(var moduleId in moreModules) {
/******/ 				if(__nccwpck_require__.o(moreModules, moduleId)) {
/******/ 					__nccwpck_require__.m[moduleId] = moreModules[moduleId];
/******/ 				}
/******/ 			}
/******/ 			if(runtime) runtime(__nccwpck_require__);
/******/ 			for(var i = 0; i < chunkIds.length; i++)
/******/ 				installedChunks[chunkIds[i]] = 1;
/******/ 		
/******/ 		};
/******/ 		
/******/ 		// require() chunk loading for javascript
/******/ 		__nccwpck_require__.f.require = (chunkId, promises) => {
/******/ 			// "1" is the signal for "already loaded"
/******/ 			if(!installedChunks[chunkId]) {
/******/ 				if(true) { // all chunks have JS
/******/ 					installChunk(require("./" + __nccwpck_require__.u(chunkId)));
/******/ 				} else installedChunks[chunkId] = 1;
/******/ 			}
/******/ 		};
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
// This entry need to be wrapped in an IIFE because it need to be in strict mode.
(() => {
"use strict";

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/util.js

// functions
function assertEqual(val) {
    return val;
}
function assertNotEqual(val) {
    return val;
}
function toZod() {
    return (schema) => schema;
}
function assertIs(_arg) { }
function assertNever(_x) {
    throw new Error("Unexpected value in exhaustive check");
}
function assert(_) { }
function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
const EVALUATING = /* @__PURE__*/ (/* unused pure expression or super */ null && (Symbol("evaluating")));
function defineLazy(object, key, getter) {
    let value = undefined;
    Object.defineProperty(object, key, {
        get() {
            if (value === EVALUATING) {
                // Circular reference detected, return undefined to break the cycle
                return undefined;
            }
            if (value === undefined) {
                value = EVALUATING;
                value = getter();
            }
            return value;
        },
        set(v) {
            Object.defineProperty(object, key, {
                value: v,
                // configurable: true,
            });
            // object[key] = v;
        },
        configurable: true,
    });
}
function objectClone(obj) {
    return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
    return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path) {
    if (!path)
        return obj;
    return path.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
    const keys = Object.keys(promisesObj);
    const promises = keys.map((key) => promisesObj[key]);
    return Promise.all(promises).then((results) => {
        const resolvedObj = {};
        for (let i = 0; i < keys.length; i++) {
            resolvedObj[keys[i]] = results[i];
        }
        return resolvedObj;
    });
}
function randomString(length = 10) {
    const chars = "abcdefghijklmnopqrstuvwxyz";
    let str = "";
    for (let i = 0; i < length; i++) {
        str += chars[Math.floor(Math.random() * chars.length)];
    }
    return str;
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function util_isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const allowsEval = /* @__PURE__*/ (/* unused pure expression or super */ null && (cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (globalConfig.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
})));
function isPlainObject(o) {
    if (util_isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (util_isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
function numKeys(data) {
    let keyCount = 0;
    for (const key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) {
            keyCount++;
        }
    }
    return keyCount;
}
const getParsedType = (data) => {
    const t = typeof data;
    switch (t) {
        case "undefined":
            return "undefined";
        case "string":
            return "string";
        case "number":
            return Number.isNaN(data) ? "nan" : "number";
        case "boolean":
            return "boolean";
        case "function":
            return "function";
        case "bigint":
            return "bigint";
        case "symbol":
            return "symbol";
        case "object":
            if (Array.isArray(data)) {
                return "array";
            }
            if (data === null) {
                return "null";
            }
            if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
                return "promise";
            }
            if (typeof Map !== "undefined" && data instanceof Map) {
                return "map";
            }
            if (typeof Set !== "undefined" && data instanceof Set) {
                return "set";
            }
            if (typeof Date !== "undefined" && data instanceof Date) {
                return "date";
            }
            // @ts-ignore
            if (typeof File !== "undefined" && data instanceof File) {
                return "file";
            }
            return "object";
        default:
            throw new Error(`Unknown data type: ${t}`);
    }
};
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
const primitiveTypes = /* @__PURE__*/ new Set([
    "string",
    "number",
    "bigint",
    "boolean",
    "symbol",
    "undefined",
]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function createTransparentProxy(getter) {
    let target;
    return new Proxy({}, {
        get(_, prop, receiver) {
            target ?? (target = getter());
            return Reflect.get(target, prop, receiver);
        },
        set(_, prop, value, receiver) {
            target ?? (target = getter());
            return Reflect.set(target, prop, value, receiver);
        },
        has(_, prop) {
            target ?? (target = getter());
            return Reflect.has(target, prop);
        },
        deleteProperty(_, prop) {
            target ?? (target = getter());
            return Reflect.deleteProperty(target, prop);
        },
        ownKeys(_) {
            target ?? (target = getter());
            return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(_, prop) {
            target ?? (target = getter());
            return Reflect.getOwnPropertyDescriptor(target, prop);
        },
        defineProperty(_, prop, descriptor) {
            target ?? (target = getter());
            return Reflect.defineProperty(target, prop, descriptor);
        },
    });
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}
// Wrapped in a `@__PURE__` IIFE: esbuild never tree-shakes a top-level initializer that contains a member access on `Number`, so the bare object literal survived into every bundle.
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
function getSizableOrigin(input) {
    if (input instanceof Set)
        return "set";
    if (input instanceof Map)
        return "map";
    // @ts-ignore
    if (input instanceof File)
        return "file";
    return "unknown";
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function util_issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
function cleanEnum(obj) {
    return Object.entries(obj)
        .filter(([k, _]) => {
        // return true if NaN, meaning it's not a number, thus a string key
        return Number.isNaN(Number.parseInt(k, 10));
    })
        .map((el) => el[1]);
}
// Codec utility functions
function base64ToUint8Array(base64) {
    const binaryString = atob(base64);
    const bytes = new Uint8Array(binaryString.length);
    for (let i = 0; i < binaryString.length; i++) {
        bytes[i] = binaryString.charCodeAt(i);
    }
    return bytes;
}
function uint8ArrayToBase64(bytes) {
    let binaryString = "";
    for (let i = 0; i < bytes.length; i++) {
        binaryString += String.fromCharCode(bytes[i]);
    }
    return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padding = "=".repeat((4 - (base64.length % 4)) % 4);
    return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
    return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
    const cleanHex = hex.replace(/^0x/, "");
    if (cleanHex.length % 2 !== 0) {
        throw new Error("Invalid hex string length");
    }
    const bytes = new Uint8Array(cleanHex.length / 2);
    for (let i = 0; i < cleanHex.length; i += 2) {
        bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
    }
    return bytes;
}
function uint8ArrayToHex(bytes) {
    return Array.from(bytes)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}
// instanceof
class Class {
    constructor(..._args) { }
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/core.js
var _a;

/** A special constant with type `never` */
const NEVER = /*@__PURE__*/ Object.freeze({
    status: "aborted",
});
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                members(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
//////////////////////////////   UTILITIES   ///////////////////////////////////////
const $brand = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("zod_brand")));
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const core_globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(core_globalConfig, newConfig);
    return core_globalConfig;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/locales/en.js

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = parsedType(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
                return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
/* harmony default export */ function en() {
    return {
        localeError: error(),
    };
}

;// CONCATENATED MODULE: ./src/core/zod-setup.ts
/**
 * zod set up for a short-lived process, imported by every module that builds a schema.
 *
 * By default zod compiles a parser of its own for each object schema (with `new Function`): that
 * pays off in a server parsing the same shape a million times, not in a run that parses each shape
 * once or twice. Without it a run starts about 3 ms sooner, and a plan of 2,000 steps loads as fast
 * as before. zod reads the setting as each schema is built, so this module is imported before
 * anything that defines one.
 *
 * zod/mini speaks no language of its own ("Invalid input" for everything): issues say zod's
 * English, as the classic API has it, and zod-messages.ts finds their Chinese beside it.
 */


config({ ...en(), jitless: true });

// EXTERNAL MODULE: ./.tmp/bundle/@actions/core/lib/core.js + 7 modules
var lib_core = __nccwpck_require__(9487);
;// CONCATENATED MODULE: ./src/core/timer.ts
/**
 * A timer for any wait the action accepts. Node fires a setTimeout of more than 2^31-1 ms (about
 * 24.8 days) at once, which would kill a step the moment it starts; the schema bounds every
 * duration well below that, and this timer holds longer ones anyway, in chunks.
 */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;
function setLongTimeout(callback, ms) {
    let timer;
    const wait = (remaining) => {
        timer = setTimeout(() => (remaining > LONGEST_TIMEOUT_MS ? wait(remaining - LONGEST_TIMEOUT_MS) : callback()), Math.min(Math.max(0, remaining), LONGEST_TIMEOUT_MS));
    };
    wait(ms);
    return { clear: () => clearTimeout(timer) };
}

;// CONCATENATED MODULE: ./src/core/clock.ts
/** Time, behind an interface so tests can run minutes of probing in milliseconds. */

const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise(resolve => {
        if (signal?.aborted) {
            resolve();
            return;
        }
        const timer = setLongTimeout(done, ms);
        function done() {
            timer.clear();
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    })
};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = require("node:fs");
;// CONCATENATED MODULE: ./src/core/lazy-builtins.ts
/**
 * Node modules loaded on first use rather than at start-up. Loading child_process (with net,
 * dgram and the stream machinery it brings) costs about 3 ms: a dry run or a refusal, which start
 * no process, should not pay it.
 */
function lazy_builtins_childProcess() {
    return process.getBuiltinModule('node:child_process');
}
/** `crypto` costs about 5 ms to load: only a real run's journal and report file need it. */
function nodeCrypto() {
    return process.getBuiltinModule('node:crypto');
}

;// CONCATENATED MODULE: ./src/core/random.ts
/**
 * Random tokens (the stop-commands token, temporary file names) without Node's `crypto`, which
 * takes about 5 ms to load, a sixteenth of a dry run's start-up: the kernel's random source is read
 * directly. Where there is none to read (Windows, a sandbox without /dev), `crypto` gives them.
 */


function randomBytesOf(size) {
    return fromKernel(size) ?? nodeCrypto().randomBytes(size);
}
/** A version 4 UUID, as `crypto.randomUUID` makes them. */
function randomUuid() {
    const bytes = randomBytesOf(16);
    bytes.writeUInt8(((bytes[6] ?? 0) & 0x0f) | 0x40, 6);
    bytes.writeUInt8(((bytes[8] ?? 0) & 0x3f) | 0x80, 8);
    const hex = bytes.toString('hex');
    return [
        hex.slice(0, 8),
        hex.slice(8, 12),
        hex.slice(12, 16),
        hex.slice(16, 20),
        hex.slice(20)
    ].join('-');
}
function fromKernel(size) {
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)('/dev/urandom', 'r');
        // Only the device itself: a file put in its place would give the same "random" bytes each time.
        if (!(0,external_node_fs_namespaceObject.fstatSync)(fd).isCharacterDevice())
            return undefined;
        const bytes = Buffer.alloc(size);
        for (let read = 0; read < size;) {
            const count = (0,external_node_fs_namespaceObject.readSync)(fd, bytes, read, size - read, null);
            if (count <= 0)
                return undefined;
            read += count;
        }
        return bytes;
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/core/message.ts
/**
 * The one mechanism behind every sentence the action says (checks, refusals, notes, warnings, the
 * log): catalogues in both OpenLogos locales, where zh must have every key en has (a type error
 * otherwise, and a test). A sentence is said once, in both languages at once, as a Message; each
 * sink (report, comment, log) shows it in the project's locale. So the code that finds a problem
 * never needs to know the reader's language, and a Message stays plain data: the journal keeps it,
 * the redaction walks it like any other text.
 */
const LOCALES = (/* unused pure expression or super */ null && (['en', 'zh']));
function message_inLocale(message, locale) {
    return message[locale];
}
/**
 * A value that reads the same in every language: a path, a command, an error the system gave.
 * Never a sentence of the action's own: those belong in a catalogue.
 */
function verbatim(value) {
    return { en: value, zh: value };
}
/** Messages one after the other, with a separator that is itself a message (`; ` and `；`). */
function joinMessages(messages, separator) {
    return {
        en: messages.map(message => message.en).join(separator.en),
        zh: messages.map(message => message.zh).join(separator.zh)
    };
}
/** The first line of a message that spans several. */
function firstLine(message) {
    return { en: message.en.split('\n')[0] ?? '', zh: message.zh.split('\n')[0] ?? '' };
}
/** Separators, in each language's punctuation. */
const SEPARATOR = {
    list: { en: ', ', zh: '、' },
    clause: { en: '; ', zh: '；' },
    line: { en: '\n', zh: '\n' }
};
/** Values (names, files, versions) as a list: `a, b` in English, `a、b` in Chinese. */
function listOf(values) {
    return joinMessages(values.map(verbatim), SEPARATOR.list);
}
/**
 * The entries of a catalogue as Messages: `say.title` is a Message, `say.found(file)` builds one
 * from both languages' functions.
 */
function speakerOf(catalogue) {
    return speak(catalogue.en, catalogue.zh);
}
function speak(en, zh) {
    if (typeof en === 'string')
        return { en, zh: zh };
    if (typeof en === 'function') {
        const zhOf = zh;
        return (...args) => ({
            en: en(...args),
            zh: zhOf(...args)
        });
    }
    // A group's members are made on first read: a run reads a few dozen of the catalogues' entries,
    // and making all of them at start-up cost some 1.5 ms of every run.
    const enGroup = en;
    const zhGroup = zh;
    const made = new Map();
    const member = (key) => {
        if (!made.has(key))
            made.set(key, speak(enGroup[key], zhGroup[key] ?? ''));
        return made.get(key);
    };
    const owns = (key) => typeof key === 'string' && Object.hasOwn(enGroup, key);
    return new Proxy(Object.create(null), {
        get: (_, key) => (owns(key) ? member(key) : undefined),
        has: (_, key) => owns(key),
        ownKeys: () => Object.keys(enGroup),
        getOwnPropertyDescriptor: (_, key) => owns(key)
            ? { value: member(key), writable: false, enumerable: true, configurable: true }
            : undefined
    });
}
/** An error whose message is a sentence of the action's own, in both languages. */
class MessageError extends Error {
    text;
    constructor(text, options) {
        super(text.en, options);
        this.text = text;
    }
}
/** What an error says: its own Message when it has one, else the system's words as they are. */
function errorMessage(error) {
    if (error instanceof MessageError)
        return error.text;
    return verbatim(error instanceof Error ? error.message : String(error));
}

;// CONCATENATED MODULE: ./src/core/messages.ts
/** What the core says itself: files the action refuses to touch, and the log's level names. */

const messages_en = {
    outsideRoot: (file) => `${file} is outside the project root`,
    linkOut: (file, to) => `${file} leads outside the project root through a symbolic link (to ${to})`,
    isLink: (file) => `${file} is a symbolic link`,
    notRegular: (file) => `${file} is not a regular file`,
    projectFileFix: 'replace the link with a regular file or folder inside the project (the action reads and writes only those)',
    refusedFile: (problem, fix) => `${problem.en}: ${fix.en}`,
    durationHint: "a duration such as '90s', '10m', '1h30m' or a whole number of seconds",
    positiveDurationHint: "a positive duration such as '90s', '10m', '1h30m' or a whole number of seconds",
    /** A problem in the log, and on the next line what to do about it. */
    withFix: (problem, fix) => `${problem.en}\n  fix: ${fix.en}`,
    fixLine: (fix) => `fix: ${fix.en}`,
    /** How the terminal marks a line of each level. */
    level: { warning: 'warning: ', error: 'error: ', debug: 'debug: ' }
};
const zh = {
    outsideRoot: file => `${file} 在项目根目录之外`,
    linkOut: (file, to) => `${file} 经由符号链接指向项目根目录之外（指向 ${to}）`,
    isLink: file => `${file} 是符号链接`,
    notRegular: file => `${file} 不是普通文件`,
    projectFileFix: '把链接换成项目之内的普通文件或文件夹（本 action 只读写这些）',
    refusedFile: (problem, fix) => `${problem.zh}：${fix.zh}`,
    durationHint: '时长，例如「90s」「10m」「1h30m」或整数秒数',
    positiveDurationHint: '大于零的时长，例如「90s」「10m」「1h30m」或整数秒数',
    withFix: (problem, fix) => `${problem.zh}\n  修复：${fix.zh}`,
    fixLine: fix => `修复：${fix.zh}`,
    level: { warning: '警告：', error: '错误：', debug: '调试：' }
};
const CATALOGUE = { en: messages_en, zh };
const messages_say = speakerOf(CATALOGUE);

;// CONCATENATED MODULE: ./src/core/runner-text.ts
/**
 * Text for the runner's log that the runner cannot act on. The runner reads a workflow command from
 * any line of the action's output: it splits lines on CR, LF and CRLF, trims leading white space and
 * takes a line starting with `::`, or holding `##[` anywhere (the older form), as a command. Text
 * that did not come from the action itself (a step's URL, a check's output, plan text, an approver's
 * comment) passes through here before it is printed outside a stop-commands block.
 */
/** Invisible to a reader, but no longer the two characters the runner looks for. */
const BREAK = '\u200b';
/** What .NET's TrimStart removes: JavaScript's white space, and NEL (U+0085) besides. */
const LEADING_SPACE = /^[\s\u0085]*/;
/** One line per line the runner would see, none of them a workflow command. */
function inertForRunner(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map(line => line.replace(/^([\s\u0085]*):(?=:)/, `$1:${BREAK}`).replace(/##\[/g, `##${BREAK}[`))
        .join('\n');
}
/** Whether the runner would take any line of `text` as a workflow command. */
function holdsWorkflowCommand(text) {
    return text
        .split(/\r\n|\r|\n/)
        .some(line => line.replace(LEADING_SPACE, '').startsWith('::') || line.includes('##['));
}

;// CONCATENATED MODULE: ./src/core/log.ts
/**
 * Where the run tells its reader what is happening: the Actions log (with groups and annotations)
 * on a runner, the terminal locally. Every line is a Message, said in the project's language; it
 * passes through the secret registry first. A step's own output is not the action's words: it is
 * passed on as it comes, by `write`.
 */




function actionsLog(core, secrets, write, locale) {
    const text = (message) => secrets.redact(message_inLocale(message, locale));
    const annotation = (where) => where
        ? { file: where.file, ...(where.line === undefined ? {} : { startLine: where.line }) }
        : {};
    return {
        // info is written as it is; warning, error, debug and group titles are escaped by core as
        // command data, which keeps them on one line of their own.
        info: message => core.info(inertForRunner(text(message))),
        warning: (message, where) => core.warning(text(message), annotation(where)),
        error: (message, where) => core.error(text(message), annotation(where)),
        debug: message => core.debug(text(message)),
        group: async (title, body) => {
            core.startGroup(text(title));
            try {
                return await body();
            }
            finally {
                core.endGroup();
            }
        },
        write: chunk => write(secrets.redactBytes(chunk)),
        partialSecretLength: bytes => secrets.partialSecretLength(bytes),
        redact: text => secrets.redact(text),
        streaming: async (body) => {
            // A step's output may carry text from anywhere (a PR title, a response body): while it
            // streams, '::' lines must not become workflow commands such as add-mask or set-output.
            // Written raw: these two lines are the action's own commands, the only ones it prints.
            const token = randomUuid();
            await write(Buffer.from(`::stop-commands::${token}\n`));
            try {
                return await body();
            }
            finally {
                await write(Buffer.from(`\n::${token}::\n`));
            }
        }
    };
}
function terminalLog(terminal, secrets, locale) {
    const text = (message) => secrets.redact(inLocale(message, locale));
    const level = (name) => inLocale(say.level[name], locale);
    let depth = 0;
    const indent = (text) => depth === 0 ? text : text.replace(/^/gm, '  '.repeat(depth));
    const located = (where) => where ? `${where.file}${where.line === undefined ? '' : `:${where.line}`}: ` : '';
    return {
        info: message => void terminal.out(indent(text(message)) + '\n'),
        warning: (message, where) => terminal.err(indent(`${level('warning')}${located(where)}${text(message)}`) + '\n'),
        error: (message, where) => terminal.err(indent(`${level('error')}${located(where)}${text(message)}`) + '\n'),
        debug: message => {
            if (terminal.isVerbose)
                terminal.err(indent(`${level('debug')}${text(message)}`) + '\n');
        },
        group: async (title, body) => {
            void terminal.out(indent(`▶ ${text(title)}`) + '\n');
            depth++;
            try {
                return await body();
            }
            finally {
                depth--;
            }
        },
        write: chunk => terminal.out(secrets.redactBytes(chunk)),
        partialSecretLength: bytes => secrets.partialSecretLength(bytes),
        redact: text => secrets.redact(text),
        streaming: body => body()
    };
}

;// CONCATENATED MODULE: ./src/core/redact.ts
/**
 * Secret redaction for everything the action writes itself. The runner masks registered secrets in
 * the log, but not in files, outputs sent elsewhere or API calls, so every sink passes text through
 * here. A secret is replaced as written, line by line when it spans lines, and in its base64 forms
 * (at every alignment, so `user:secret` encoded whole is caught too) and URL-encoded forms (upper
 * and lower case hex). Callers redact raw text, before any escaping: an escaped secret no longer
 * looks like itself.
 */
const REDACTED = '***';
/**
 * Values (and lines of a multi-line value) shorter than this are too common to replace: a one-letter
 * "secret" would turn every report into asterisks, and protects nothing anyway.
 */
const MIN_LENGTH = 4;
class SecretRegistry {
    onAdd;
    forms = new Set();
    sorted = [];
    sortedBytes = [];
    /** The forms of sortedBytes as one pattern over bytes read as latin1 (one character a byte). */
    bytePattern;
    /** `onAdd` registers each value with the runner's log masking (core.setSecret). */
    constructor(onAdd = () => undefined) {
        this.onAdd = onAdd;
    }
    add(value) {
        if (value === undefined || value.trim().length < MIN_LENGTH)
            return;
        const before = this.forms.size;
        for (const form of formsOf(value)) {
            if (!this.forms.has(form)) {
                this.forms.add(form);
                this.onAdd(form);
            }
        }
        if (this.forms.size !== before) {
            this.sorted = [...this.forms].sort((a, b) => b.length - a.length);
            // To detect a secret in raw output it is enough to look for the forms that hold no other form:
            // where a longer one occurs, the shorter one inside it occurs too. Fewer scans of every byte.
            this.sortedBytes = this.sorted
                .filter(form => !this.sorted.some(other => other !== form && form.includes(other)))
                .map(form => Buffer.from(form, 'utf8'));
            this.bytePattern = new RegExp(this.sortedBytes.map(form => escapeRegExp(form.toString('latin1'))).join('|'));
        }
    }
    /** Whether `text` holds a secret in any of its forms. */
    holdsSecret(text) {
        return this.sorted.some(form => text.includes(form));
    }
    redact(text) {
        let result = text;
        for (const form of this.sorted) {
            if (result.includes(form))
                result = result.split(form).join(REDACTED);
        }
        return result;
    }
    /**
     * The same for raw output: bytes without a secret pass through untouched, never decoded. Every
     * byte of a step's output passes here: one regular expression over the bytes read as latin1 (a
     * character per byte, so a form matches exactly where its UTF-8 bytes do) looks for every form
     * in one pass, two to three times faster than searching the bytes for each form in turn.
     */
    redactBytes(bytes) {
        if (!this.bytePattern?.test(bytes.toString('latin1')))
            return bytes;
        return Buffer.from(this.redact(bytes.toString('utf8')), 'utf8');
    }
    /**
     * How many bytes at the end of `bytes` could be the start of a secret still to come: a line
     * flushed before its end must keep those back, or a secret printed in two parts a moment apart
     * would reach the log whole, each part too short to be recognised.
     */
    partialSecretLength(bytes) {
        let longest = 0;
        for (const form of this.sortedBytes) {
            const most = Math.min(form.length - 1, bytes.length);
            for (let length = most; length > longest; length--) {
                if (bytes.subarray(bytes.length - length).equals(form.subarray(0, length))) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
    get size() {
        return this.forms.size;
    }
}
function escapeRegExp(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
function formsOf(value) {
    const forms = new Set([value, value.trim()]);
    const lines = value.split(/\r?\n/).map(line => line.trim());
    // Each line of a multi-line value is a secret of its own, in every encoding: one line of a key,
    // printed in base64, is as bad as the whole key.
    for (const line of lines)
        if (line.length >= MIN_LENGTH)
            forms.add(line);
    const encodable = [value, ...(lines.length > 1 ? lines.filter(line => line.length >= 8) : [])];
    for (const part of encodable) {
        for (const form of base64Forms(Buffer.from(part, 'utf8')))
            forms.add(form);
        for (const encoded of [encodeURIComponent(part), encodeURI(part)]) {
            for (const form of [encoded, encoded.replace(/%20/g, '+')]) {
                forms.add(form);
                forms.add(form.replace(/%[0-9A-F]{2}/g, escape => escape.toLowerCase()));
            }
        }
    }
    return [...forms].filter(form => form.length >= MIN_LENGTH);
}
/**
 * The secret as it appears inside any base64 text (`user:secret` encoded for a Basic header, a
 * JSON blob encoded whole): at each of the three byte alignments, the characters that depend only
 * on the secret's own bytes. Both alphabets (base64 and base64url).
 */
function base64Forms(bytes) {
    const forms = [];
    for (let offset = 0; offset < 3; offset++) {
        const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
        const encoded = padded.toString('base64');
        // Leading characters mix in the padding bytes; trailing ones mix in what follows the secret.
        const start = offset === 0 ? 0 : Math.ceil((offset * 8) / 6);
        const end = Math.floor((padded.length * 8) / 6);
        const core = encoded.slice(start, end);
        forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
        if (offset === 0)
            forms.push(encoded, encoded.replace(/=+$/, ''), bytes.toString('base64url'));
    }
    return forms;
}

;// CONCATENATED MODULE: ./src/core/check.ts
function passed(title, detail) {
    return { title, status: 'passed', detail };
}
function failed(title, detail, fix, where) {
    return where
        ? { title, status: 'failed', detail, fix, where }
        : { title, status: 'failed', detail, fix };
}
function warned(title, detail, fix) {
    return { title, status: 'warning', detail, fix };
}
/** A condition a dry run only warns about, but on which a real run would be refused. */
function wouldRefuse(title, detail, fix) {
    return { title, status: 'warning', detail, fix, blocksRealRun: true };
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = require("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./src/core/duration.ts
/** Durations as plans and inputs write them: `90s`, `10m`, `1h`, `1h30m`, or whole seconds. */
const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const DURATION_HINT = "a duration such as '90s', '10m', '1h30m' or a whole number of seconds";
/**
 * The longest wait anything in a plan or an input may set: a day. A deployment step that runs
 * longer is a mistake, and no runner keeps a job that long (GitHub-hosted: 6 hours).
 */
const MAX_DURATION_MS = 24 * 60 * 60 * 1000;
/** The longest a single probe, or the pause between probes, may be: an hour. */
const MAX_PROBE_MS = 60 * 60 * 1000;
/** Milliseconds, or undefined when the text is not a duration. */
function parseDurationMs(value) {
    if (typeof value === 'number') {
        return Number.isSafeInteger(value) && value >= 0 ? value * 1000 : undefined;
    }
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const match = DURATION_PATTERN.exec(text);
    if (!match || text === '')
        return undefined;
    const [, hours = '0', minutes = '0', seconds = '0'] = match;
    return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}
/** The shortest readable form: `1h30m`, `45s`, `1.2s`, `350ms`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 10_000 && ms % 1000 !== 0)
        return `${(ms / 1000).toFixed(1)}s`;
    let seconds = Math.round(ms / 1000);
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    const parts = [
        hours ? `${hours}h` : '',
        minutes ? `${minutes}m` : '',
        seconds ? `${seconds}s` : ''
    ];
    return parts.join('') || '0s';
}

;// CONCATENATED MODULE: ./src/core/limits.ts
/** The size limits of the places the action writes to, each with the reason for its number. */
const LIMITS = {
    /** GitHub refuses a step summary above 1 MiB; keep a margin for what the runner adds. */
    summaryBytes: 1024 * 1024 - 16 * 1024,
    /** GitHub answers 422 to an issue comment body above 65,536 characters. */
    commentChars: 65_000,
    /** Output kept per step for the report: enough for a stack trace, bounded whatever a step prints. */
    stepOutputTailBytes: 64 * 1024,
    /** Lines of a failing step's output shown in the report. */
    failureExcerptLines: 30,
    /**
     * Samples of a metric check kept for the report and its chart, the latest ones: an hour of
     * probing once a minute, and a line GitHub still draws legibly. The probe counts keep the rest.
     */
    metricSamples: 60,
    /** Characters of a metric command's last line quoted when it is not a number. */
    metricPrintedChars: 200,
    /** A plan larger than this is not a plan someone reviewed: refuse it before parsing. */
    planFileBytes: 2 * 1024 * 1024
};

;// CONCATENATED MODULE: ./src/core/decimal.ts
/**
 * Decimal numbers as text: the number a metric command prints, read strictly, and numbers written
 * back as plain decimals (no exponent), which every reader of the report, Mermaid included, takes.
 */
/**
 * A decimal number as people and tools print one: `0.012`, `-3`, `+2.`, `.5`, `1.5e-4`. Not
 * `Infinity`, `NaN`, hex, binary, octal, digit separators, a unit or an empty line.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The number `text` holds, or undefined when it is not a finite plain decimal. */
function parseDecimal(text) {
    const trimmed = text.trim();
    if (!DECIMAL.test(trimmed))
        return undefined;
    const value = Number(trimmed);
    return Number.isFinite(value) ? value : undefined;
}
/** Enough for any metric, and few enough that binary rounding noise never shows. */
const SIGNIFICANT_DIGITS = 12;
/** Made on first use: the first Intl formatter loads ICU's locale data, 8 ms of every start-up. */
let plain;
/**
 * A number as a plain decimal, at most 12 significant digits: `0.018`, not `0.018000000000000002`
 * (the sum of two decimals in binary) nor `1e-7`.
 */
function formatDecimal(value) {
    plain ??= new Intl.NumberFormat('en-US', {
        useGrouping: false,
        maximumSignificantDigits: SIGNIFICANT_DIGITS
    });
    return plain.format(value).replace(/^-0$/, '0');
}
/** The value at the precision it is shown with, so that what is judged is what is shown. */
function roundDecimal(value) {
    return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

;// CONCATENATED MODULE: ./src/execution/messages.ts
/**
 * What the execution stage says: each step as it starts and ends, why a step did not run, the
 * health checks' probes and verdicts, and the rollback.
 */

const execution_messages_en = {
    deploying: (proposal, version, environment, point) => `Deploying ${proposal} version ${version} to ${environment} (rollback point: version ${point})`,
    deployingFirst: (proposal, version, environment) => `Deploying ${proposal} version ${version} to ${environment} (rollback point: none, first deployment)`,
    stepLabel: (number, total) => `Step ${number}/${total}`,
    stepLabelAt: (number, total, weight) => `Step ${number}/${total} at ${weight}%`,
    rollbackLabel: (number, total) => `Rollback ${number}/${total}`,
    undo: (name) => `Undo: ${name}`,
    stepGroup: (label, name, id) => `${label.en}: ${name.en} [${id}]`,
    purpose: (purpose) => `Purpose: ${purpose}`,
    canaryWeight: (weight) => `Canary weight: ${weight}%`,
    environment: (environment) => `Environment: ${environment}`,
    environmentAt: (environment, url) => `Environment: ${environment} (${url})`,
    target: (target, directory) => `Target: ${target} · working directory: ${directory}`,
    everyTarget: (directory) => `Target: every selected target · working directory: ${directory}`,
    rollbackPoint: (point) => `Rollback point: ${point.en}`,
    ownRollbackAfter: (script, version) => `${script}; previous version ${version}`,
    planRollback: "none of its own (the plan's rollback steps apply)",
    planRollbackAfter: (version) => `none of its own (the plan's rollback steps apply); previous version ${version}`,
    thisIsTheRollback: 'this is the rollback',
    stepProblem: (id, problem) => `${id}: ${problem.en}`,
    directoryOutside: (dir) => `working-directory '${dir}' resolves outside the project root`,
    directoryMissing: (dir) => `working-directory '${dir}' does not exist`,
    directoryNotFolder: (dir) => `working-directory '${dir}' is not a folder`,
    succeeded: 'succeeded',
    failed: 'failed',
    timedOut: (timeout) => `timed out after ${timeout}; its process group was stopped`,
    cancelled: 'was cancelled; its process group was stopped',
    bashNotStarted: (error) => `could not start bash: ${error}`,
    finished: (mark, id, how, duration, exit, signal) => `${mark} ${id} ${how.en} after ${duration}${exit ? exit.en : ''}${signal ? ` (${signal})` : ''}`,
    exitCode: (code) => ` (exit code ${code})`,
    lingering: (id) => `${id} left background processes holding its output open; they were not stopped`,
    notRunCancelled: 'not run: the run was cancelled',
    notRunAfter: (cause) => `not run: ${cause} failed first`,
    urlIgnored: (id, url, problem) => `step ${id} reported url=${url}, which was ignored: ${problem.en}`,
    urlSpaces: 'it holds white space or control characters',
    urlNotUrl: 'it is not a URL; write an absolute http(s) URL',
    urlProtocol: (protocol) => `only http and https URLs are taken, not ${protocol}`,
    passedOver: (id) => `step ${id} failed and was passed over (continue-on-error)`,
    nothingUndone: 'rollback-on-failure is false: nothing was undone; the environment may be half-deployed',
    environmentUrlUnset: (url, names) => `the environment url ${url} uses ${names.en}, which is not set: DEPLOY_URL starts empty`,
    healthCheck: 'Health check',
    canaryAnalysis: 'Canary analysis',
    checkGroup: (what, number, total, name) => `${what.en} ${number}/${total}: ${name}`,
    checkGroupAt: (what, weight, number, total, name) => `${what.en} at ${weight}% ${number}/${total}: ${name}`,
    probeLabel: (number, total) => `probe ${number}/${total}`,
    watchLabel: (elapsed) => `watch ${elapsed}`,
    probeHealthy: (label, summary) => `${label.en}: healthy (${summary.en})`,
    probeUnhealthy: (label, summary) => `${label.en}: unhealthy (${summary.en})`,
    checkProblem: (name, problem) => `${name}: ${problem.en}`,
    noHealthyAnswer: (name, retries, last) => `✖ ${name}: no healthy answer in ${retries} probe(s) (last: ${last.en})`,
    none: 'none',
    watching: (watch, limit) => `watching for ${watch}, tolerating ${limit} failure(s)`,
    tooManyFailures: (name, failures, limit) => `✖ ${name}: ${failures} failure(s) while watching, more than the ${limit} tolerated`,
    healthyAfter: (name, probes) => `✔ ${name}: healthy after ${probes} probe(s)`,
    exitZero: 'exit code 0',
    checkTimedOut: (timeout) => `timed out after ${timeout}`,
    checkExit: (code) => `exit code ${code}`,
    withLastLine: (how, line) => `${how.en}: ${line}`,
    unanswered: (url, error) => `${url}: ${error}`,
    noAnswerWithin: (url, timeout) => `${url}: no answer within ${timeout}`,
    httpUnexpected: (status, expected) => `HTTP ${status}, expected ${expected.en}`,
    or: ' or ',
    bodyLacks: (status, body) => `HTTP ${status}, body lacks '${body}'`,
    http: (status) => `HTTP ${status}`,
    urlVariablesUnset: (url, names) => `url ${url} uses ${names.en}, which is not set: set it (or the environment's url) before the check`,
    urlNotHttp: (url) => `url '${url}' is not an http(s) URL`,
    urlInvalid: 'the health check url is not a valid URL once its variables are expanded',
    metric: {
        measuringGroup: 'Measuring the metric baselines',
        refusedBeforeFirstStep: (detail) => `Deployment refused before its first step: ${detail.en}`,
        sampleLabel: (number, total) => `baseline sample ${number}/${total}`,
        sampleLine: (label, sample) => `${label.en}: ${sample.en}`,
        baselineMeasured: (check, value, samples) => `✔ ${check}: baseline ${value} (median of ${samples})`,
        baselineOff: (check, sample) => `the baseline of '${check}' could not be measured (${sample.en}): baseline.required is false, so its relative bounds are off for this run and only max/min apply`,
        baselineZero: (check) => `the baseline of '${check}' is 0: a percentage of it allows no change at all; give max-increase or max-decrease as an amount (a number) to allow some`,
        timedOut: (timeout) => `timed out after ${timeout}`,
        failed: (code) => `exit code ${code}`,
        failedPrinting: (code, printed) => `exit code ${code}: ${printed}`,
        notANumber: (printed) => `not a number: the last line printed was ${printed}`,
        printedNothing: 'not a number: it printed nothing',
        above: (value, bound) => `${value}, above the bound ${bound}`,
        below: (value, bound) => `${value}, below the bound ${bound}`,
        within: (value, bounds) => `${value}, within ${bounds.en}`,
        between: (min, max) => `${min} to ${max}`,
        anyNumber: 'any number'
    },
    rollingBack: (cause, count) => `Rolling back after the failure of ${cause}: ${count} rollback step(s)`,
    resumingRollback: (cause, done, count) => `Resuming the rollback after the failure of ${cause}: ${done} of ${count} rollback step(s) had finished`,
    rollbackComplete: (count) => `Rollback complete: ${count} step(s) succeeded`,
    batch: (targets, number, total, size) => `Targets ${targets}: batch ${number}/${total}, ${size} at once`,
    targetFailed: (target, cause) => `Target ${target} failed at ${cause}`,
    targetUndone: (target, cause, tolerated) => `target ${target} failed at ${cause} and was undone on its own (max-failed-targets: ${tolerated})`,
    pausing: (duration) => `Pausing ${duration} before the next batch`,
    targetCheck: (name) => `▶ Health check: ${name}`,
    targetGroup: (title) => `▶ ${title.en}`,
    targetWarning: (message) => `warning: ${message.en}`,
    targetError: (message) => `error: ${message.en}`,
    rollbackIncomplete: (ids) => `Rollback incomplete: ${ids.en} did not succeed; check the environment by hand`
};
const messages_zh = {
    deploying: (proposal, version, environment, point) => `正在把 ${proposal} 的版本 ${version} 部署到 ${environment}（回滚点：版本 ${point}）`,
    deployingFirst: (proposal, version, environment) => `正在把 ${proposal} 的版本 ${version} 部署到 ${environment}（回滚点：无，首次部署）`,
    stepLabel: (number, total) => `步骤 ${number}/${total}`,
    stepLabelAt: (number, total, weight) => `步骤 ${number}/${total}（${weight}%）`,
    rollbackLabel: (number, total) => `回滚 ${number}/${total}`,
    undo: name => `撤销：${name}`,
    stepGroup: (label, name, id) => `${label.zh}：${name.zh} [${id}]`,
    purpose: purpose => `目的：${purpose}`,
    canaryWeight: weight => `金丝雀流量：${weight}%`,
    environment: environment => `环境：${environment}`,
    environmentAt: (environment, url) => `环境：${environment}（${url}）`,
    target: (target, directory) => `部署目标：${target} · 工作目录：${directory}`,
    everyTarget: directory => `部署目标：所有选中的目标 · 工作目录：${directory}`,
    rollbackPoint: point => `回滚点：${point.zh}`,
    ownRollbackAfter: (script, version) => `${script}；上一个版本 ${version}`,
    planRollback: '无自带回滚（使用方案的回滚步骤）',
    planRollbackAfter: version => `无自带回滚（使用方案的回滚步骤）；上一个版本 ${version}`,
    thisIsTheRollback: '本步骤就是回滚',
    stepProblem: (id, problem) => `${id}：${problem.zh}`,
    directoryOutside: dir => `working-directory「${dir}」指向项目根目录之外`,
    directoryMissing: dir => `working-directory「${dir}」不存在`,
    directoryNotFolder: dir => `working-directory「${dir}」不是文件夹`,
    succeeded: '成功',
    failed: '失败',
    timedOut: timeout => `${timeout} 后超时；其进程组已停止`,
    cancelled: '被取消；其进程组已停止',
    bashNotStarted: error => `无法启动 bash：${error}`,
    finished: (mark, id, how, duration, exit, signal) => `${mark} ${id} ${how.zh}，耗时 ${duration}${exit ? exit.zh : ''}${signal ? `（${signal}）` : ''}`,
    exitCode: code => `（退出码 ${code}）`,
    lingering: id => `${id} 留下的后台进程仍占用其输出；这些进程没有被停止`,
    notRunCancelled: '未运行：运行已被取消',
    notRunAfter: cause => `未运行：${cause} 先失败了`,
    urlIgnored: (id, url, problem) => `步骤 ${id} 报告了 url=${url}，已忽略：${problem.zh}`,
    urlSpaces: '其中含有空白或控制字符',
    urlNotUrl: '它不是 URL；请写绝对的 http(s) URL',
    urlProtocol: protocol => `只接受 http 和 https 的 URL，不接受 ${protocol}`,
    passedOver: id => `步骤 ${id} 失败，已跳过（continue-on-error）`,
    nothingUndone: 'rollback-on-failure 为 false：未撤销任何操作；环境可能只部署了一半',
    environmentUrlUnset: (url, names) => `环境的 url ${url} 用到了未设置的 ${names.zh}：DEPLOY_URL 开始时为空`,
    healthCheck: '健康检查',
    canaryAnalysis: '金丝雀分析',
    checkGroup: (what, number, total, name) => `${what.zh} ${number}/${total}：${name}`,
    checkGroupAt: (what, weight, number, total, name) => `${what.zh}（${weight}%）${number}/${total}：${name}`,
    probeLabel: (number, total) => `探测 ${number}/${total}`,
    watchLabel: elapsed => `观察 ${elapsed}`,
    probeHealthy: (label, summary) => `${label.zh}：健康（${summary.zh}）`,
    probeUnhealthy: (label, summary) => `${label.zh}：不健康（${summary.zh}）`,
    checkProblem: (name, problem) => `${name}：${problem.zh}`,
    noHealthyAnswer: (name, retries, last) => `✖ ${name}：${retries} 次探测都没有健康的回答（最后一次：${last.zh}）`,
    none: '无',
    watching: (watch, limit) => `观察 ${watch}，最多容忍 ${limit} 次失败`,
    tooManyFailures: (name, failures, limit) => `✖ ${name}：观察期间失败 ${failures} 次，超过容忍的 ${limit} 次`,
    healthyAfter: (name, probes) => `✔ ${name}：探测 ${probes} 次后健康`,
    exitZero: '退出码 0',
    checkTimedOut: timeout => `${timeout} 后超时`,
    checkExit: code => `退出码 ${code}`,
    withLastLine: (how, line) => `${how.zh}：${line}`,
    unanswered: (url, error) => `${url}：${error}`,
    noAnswerWithin: (url, timeout) => `${url}：${timeout} 内没有回答`,
    httpUnexpected: (status, expected) => `HTTP ${status}，应为 ${expected.zh}`,
    or: ' 或 ',
    bodyLacks: (status, body) => `HTTP ${status}，响应体不含「${body}」`,
    http: status => `HTTP ${status}`,
    urlVariablesUnset: (url, names) => `url ${url} 用到了未设置的 ${names.zh}：请在检查前设置它（或环境的 url）`,
    urlNotHttp: url => `url「${url}」不是 http(s) URL`,
    urlInvalid: '展开变量后，健康检查的 url 不是有效的 URL',
    metric: {
        measuringGroup: '测量指标基线',
        refusedBeforeFirstStep: detail => `部署在第一个步骤之前被拒绝：${detail.zh}`,
        sampleLabel: (number, total) => `基线样本 ${number}/${total}`,
        sampleLine: (label, sample) => `${label.zh}：${sample.zh}`,
        baselineMeasured: (check, value, samples) => `✔ ${check}：基线 ${value}（${samples} 个样本的中位数）`,
        baselineOff: (check, sample) => `未能测得「${check}」的基线（${sample.zh}）：baseline.required 为 false，因此本次运行关闭其相对界限，仅按 max/min 判断`,
        baselineZero: check => `「${check}」的基线为 0：按百分比计算不允许任何变化；请把 max-increase 或 max-decrease 写成数值，以允许一定的变化`,
        timedOut: timeout => `${timeout} 后超时`,
        failed: code => `退出码 ${code}`,
        failedPrinting: (code, printed) => `退出码 ${code}：${printed}`,
        notANumber: printed => `不是数字：最后一行打印的是 ${printed}`,
        printedNothing: '不是数字：没有打印任何内容',
        above: (value, bound) => `${value}，高于上限 ${bound}`,
        below: (value, bound) => `${value}，低于下限 ${bound}`,
        within: (value, bounds) => `${value}，在 ${bounds.zh} 之内`,
        between: (min, max) => `${min} 至 ${max}`,
        anyNumber: '任意数字'
    },
    rollingBack: (cause, count) => `${cause} 失败后开始回滚：${count} 个回滚步骤`,
    resumingRollback: (cause, done, count) => `继续 ${cause} 失败后的回滚：${count} 个回滚步骤中已完成 ${done} 个`,
    rollbackComplete: count => `回滚完成：${count} 个步骤成功`,
    batch: (targets, number, total, size) => `目标 ${targets}：第 ${number}/${total} 批，同时 ${size} 个`,
    targetFailed: (target, cause) => `目标 ${target} 在 ${cause} 失败`,
    targetUndone: (target, cause, tolerated) => `目标 ${target} 在 ${cause} 失败，已单独撤销（max-failed-targets：${tolerated}）`,
    pausing: duration => `下一批开始前暂停 ${duration}`,
    targetCheck: name => `▶ 健康检查：${name}`,
    targetGroup: title => `▶ ${title.zh}`,
    targetWarning: message => `警告：${message.zh}`,
    targetError: message => `错误：${message.zh}`,
    rollbackIncomplete: ids => `回滚未完成：${ids.zh} 没有成功；请人工检查环境`
};
const messages_CATALOGUE = { en: execution_messages_en, zh: messages_zh };
const execution_messages_say = speakerOf(messages_CATALOGUE);

;// CONCATENATED MODULE: ./src/execution/metric.ts
/**
 * Metric checks: the number a command prints on the last line of its standard output, and the
 * bounds it is judged by, absolute (`max`, `min`) and relative to the baseline measured before the
 * first step (`max-increase`, `max-decrease`). The stricter bound wins.
 */





/** The number of a metric line, or undefined when it is not a finite plain decimal. */
const parseMetricValue = parseDecimal;
/** The last line of a command's output that holds anything. */
function lastLine(output) {
    const lines = output.split(/\r\n|\r|\n/).filter(line => line.trim() !== '');
    return (lines.at(-1) ?? '').trim();
}
/**
 * What a metric command's run gave, its number read from standard output only. What was printed
 * instead is shortened only once redacted: a cut inside a secret would show the part before it.
 */
function readMetric(result, redact) {
    const printed = (text) => redact(text).slice(0, LIMITS.metricPrintedChars);
    if (result.status === 'timed-out')
        return { reading: 'timed-out' };
    if (result.status !== 'succeeded') {
        const line = lastLine(result.outputTail);
        return {
            reading: 'failed',
            ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
            ...(line ? { printed: printed(line) } : {})
        };
    }
    const line = lastLine(result.stdoutTail ?? result.outputTail);
    const value = parseMetricValue(line);
    if (value === undefined)
        return { reading: 'not-a-number', printed: printed(line) };
    return { reading: 'number', value: line };
}
/** The middle value; the mean of the two middle ones for an even count. */
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    if (sorted.length % 2 === 1)
        return sorted[middle] ?? Number.NaN;
    return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
const formatMetric = formatDecimal;
const rounded = roundDecimal;
/**
 * The bounds a sample must stay within. A relative bound is measured on the baseline's size:
 * `max-increase: 50%` of a baseline of -2 allows up to -1. A baseline of 0 has no size, so a
 * percentage of it allows no change at all; an amount still does.
 */
function boundsOf(metric, baseline) {
    const change = (rule) => rule.kind === 'amount' ? rule.amount : (Math.abs(baseline ?? 0) * rule.percent) / 100;
    const upper = [
        metric.max,
        baseline !== undefined && metric.baseline?.maxIncrease
            ? baseline + change(metric.baseline.maxIncrease)
            : undefined
    ].filter((value) => value !== undefined);
    const lower = [
        metric.min,
        baseline !== undefined && metric.baseline?.maxDecrease
            ? baseline - change(metric.baseline.maxDecrease)
            : undefined
    ].filter((value) => value !== undefined);
    return {
        ...(lower.length > 0 ? { min: rounded(Math.max(...lower)) } : {}),
        ...(upper.length > 0 ? { max: rounded(Math.min(...upper)) } : {})
    };
}
function judge(value, bounds) {
    if (bounds.max !== undefined && value > bounds.max)
        return 'above';
    if (bounds.min !== undefined && value < bounds.min)
        return 'below';
    return 'within';
}
/** `≤ 0.018`, `≥ 0.01`, `0.01 to 0.018`: the bounds in a log line. */
function describeBounds(bounds) {
    const { min, max } = bounds;
    if (min !== undefined && max !== undefined)
        return execution_messages_say.metric.between(formatMetric(min), formatMetric(max));
    if (max !== undefined)
        return verbatim(`≤ ${formatMetric(max)}`);
    if (min !== undefined)
        return verbatim(`≥ ${formatMetric(min)}`);
    return execution_messages_say.metric.anyNumber;
}
/** A sample in the log and the check's last result: the value and its verdict, or what went wrong. */
function describeSample(sample, bounds, timeoutMs) {
    const m = execution_messages_say.metric;
    switch (sample.reading) {
        case 'timed-out':
            return m.timedOut(formatDuration(timeoutMs));
        case 'failed': {
            const code = String(sample.exitCode ?? '?');
            return sample.printed ? m.failedPrinting(code, sample.printed) : m.failed(code);
        }
        case 'not-a-number':
            return sample.printed ? m.notANumber(JSON.stringify(sample.printed)) : m.printedNothing;
        case 'number':
            if (sample.verdict === 'above')
                return m.above(sample.value ?? '', formatMetric(bounds.max ?? 0));
            if (sample.verdict === 'below')
                return m.below(sample.value ?? '', formatMetric(bounds.min ?? 0));
            return m.within(sample.value ?? '', describeBounds(bounds));
    }
}
/** `50%` or `0.02`: a relative bound as the plan writes it. */
function describeChange(change) {
    return change.kind === 'percent' ? `${change.percent}%` : formatMetric(change.amount);
}
/** The record of a metric check before its first sample: the rule, the baseline, the bounds. */
function metricRecordOf(metric, baseline) {
    const bounds = boundsOf(metric, baseline.value);
    const rule = {
        ...(metric.max === undefined ? {} : { max: formatMetric(metric.max) }),
        ...(metric.min === undefined ? {} : { min: formatMetric(metric.min) }),
        ...(metric.baseline?.maxIncrease
            ? { maxIncrease: describeChange(metric.baseline.maxIncrease) }
            : {}),
        ...(metric.baseline?.maxDecrease
            ? { maxDecrease: describeChange(metric.baseline.maxDecrease) }
            : {})
    };
    return {
        rule,
        ...(baseline.value === undefined ? {} : { baseline: formatMetric(baseline.value) }),
        ...(baseline.isMissing ? { isBaselineMissing: true } : {}),
        ...(bounds.min === undefined ? {} : { min: formatMetric(bounds.min) }),
        ...(bounds.max === undefined ? {} : { max: formatMetric(bounds.max) }),
        samples: []
    };
}
/**
 * Which checks share a baseline: the same command, sampled as often and at the same interval,
 * measures the same thing, so it is measured once.
 */
function baselineKeyOf(check) {
    if (check.kind !== 'command' || !check.metric?.baseline)
        return undefined;
    return `${check.metric.baseline.samples}×${check.intervalMs}ms×${check.timeoutMs}ms:${check.run}`;
}

;// CONCATENATED MODULE: ./src/execution/step-environment.ts
/**
 * Variables of the action's own process that a plan's script must not see or touch: the inputs
 * (the token among them), the runner's internal tokens, the file commands of this step and of the
 * job (a step writing GITHUB_ENV could set NODE_OPTIONS for this action's post step), and what
 * makes bash run code before the script itself (BASH_ENV, ENV, exported functions).
 */
const PRIVATE_VARIABLE = /^(INPUT_|ACTIONS_|STATE_|BASH_FUNC_)|^(GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY|GITHUB_ENV|GITHUB_PATH|BASH_ENV|ENV)$/;
function step_environment_jobEnvironment(env) {
    const result = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && !PRIVATE_VARIABLE.test(name))
            result[name] = value;
    }
    return result;
}
function stepEnvironment(options) {
    const { deployment } = options;
    // Unset unless this run steps through increments, whatever the job or the plan carries.
    const { DEPLOY_CANARY_WEIGHT: _inherited, ...inherited } = {
        ...options.job,
        ...options.variables,
        ...options.targetVariables,
        ...options.stepEnv
    };
    return {
        ...inherited,
        DEPLOY_ENVIRONMENT: deployment.environment,
        DEPLOY_VERSION: deployment.version,
        DEPLOY_SHA: deployment.sha,
        DEPLOY_REF: deployment.ref,
        DEPLOY_ID: deployment.id ?? '',
        DEPLOY_URL: options.url,
        DEPLOY_MODE: deployment.mode,
        DEPLOY_TARGETS: deployment.targets.join(','),
        DEPLOY_TARGET: options.target ?? '',
        DEPLOY_PROPOSAL: deployment.proposal,
        DEPLOY_PREVIOUS_SHA: deployment.rollbackPoint?.sha ?? '',
        DEPLOY_PREVIOUS_VERSION: deployment.rollbackPoint?.version ?? '',
        DEPLOY_OUTPUT: options.outputFile,
        ...(deployment.rollbackFrom
            ? {
                DEPLOY_ROLLBACK_FROM_VERSION: deployment.rollbackFrom.version,
                DEPLOY_ROLLBACK_FROM_SHA: deployment.rollbackFrom.sha
            }
            : {}),
        ...(options.failedStep === undefined ? {} : { DEPLOY_FAILED_STEP: options.failedStep }),
        ...(options.canaryWeight === undefined
            ? {}
            : { DEPLOY_CANARY_WEIGHT: String(options.canaryWeight) })
    };
}
/** DEPLOY_URL before any step reported one: the environment's url, its `${NAME}`s expanded. */
function initialUrlOf(template, env) {
    if (!template)
        return { value: '', missing: [] };
    const expanded = expandVariables(template, env);
    return expanded.missing.length > 0 ? { value: '', missing: expanded.missing } : expanded;
}
/** `${NAME}` expansion, for url fields only. Unknown names are reported, not left empty. */
function expandVariables(text, env) {
    const missing = [];
    const value = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => {
        const found = env[name];
        if (found === undefined || found === '')
            missing.push(name);
        return found ?? '';
    });
    return { value, missing };
}
/** The `user:password@` part of a URL template, before any variable in it is expanded. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
/**
 * `${NAME}` expansion of a URL field. A variable in the credentials part (`https://deploy:${TOKEN}@host`)
 * is percent-encoded, so a password holding `/`, `@` or `:` stays a password instead of turning
 * into the host or the path; everywhere else a value is put in as written (`${DEPLOY_URL}/healthz`).
 */
function expandUrl(template, env) {
    const userinfo = USERINFO.exec(template);
    if (!userinfo)
        return expandVariables(template, env);
    const [whole, scheme = '', credentials = ''] = userinfo;
    const encodedEnv = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, encodeURIComponent(value)]));
    const head = expandVariables(credentials, encodedEnv);
    const rest = expandVariables(template.slice(whole.length), env);
    return {
        value: `${scheme}${head.value}@${rest.value}`,
        missing: [...head.missing, ...rest.missing]
    };
}
/** `key=value` lines and `key<<DELIMITER` blocks, as GITHUB_OUTPUT takes them. */
function parseOutputFile(text) {
    const values = {};
    const lines = text.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index] ?? '';
        const block = /^([A-Za-z_][A-Za-z0-9_-]*)<<(.+)$/.exec(line);
        if (block) {
            const [, key = '', delimiter = ''] = block;
            const body = [];
            while (++index < lines.length && lines[index] !== delimiter)
                body.push(lines[index] ?? '');
            values[key] = body.join('\n');
            continue;
        }
        const equals = line.indexOf('=');
        if (equals > 0)
            values[line.slice(0, equals).trim()] = line.slice(equals + 1);
    }
    return values;
}

;// CONCATENATED MODULE: ./src/execution/health.ts






/** Reads at most this much of a response body: enough for any health document. */
const MAX_BODY_BYTES = 1024 * 1024;
const fetchProbe = {
    get: async (url, timeoutMs, signal, headers = {}) => {
        const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
        try {
            const response = await fetch(url, {
                signal: AbortSignal.any(signals),
                redirect: 'follow',
                headers
            });
            const chunks = [];
            let size = 0;
            if (response.body) {
                for await (const chunk of response.body) {
                    chunks.push(chunk);
                    size += chunk.length;
                    if (size >= MAX_BODY_BYTES)
                        break;
                }
            }
            return { status: response.status, body: Buffer.concat(chunks).toString('utf8') };
        }
        catch (error) {
            const cause = error.cause;
            const name = error.name;
            if (name === 'TimeoutError')
                return { error: 'timeout', isTimeout: true };
            return { error: cause?.code ?? cause?.message ?? error.message };
        }
    }
};
async function runHealthCheck(check, phase, run, weight) {
    const startedAt = run.clock.now();
    const metric = metricOf(check, run);
    const record = {
        name: check.name,
        kind: check.kind,
        phase,
        startedAt: new Date(startedAt).toISOString(),
        isHealthy: false,
        probes: 0,
        failures: 0,
        durationMs: 0,
        ...(weight === undefined ? {} : { weight }),
        ...(metric ? { metric } : {})
    };
    const done = (isHealthy) => ({
        ...record,
        isHealthy,
        durationMs: run.clock.now() - startedAt
    });
    const probeOnce = prepareProbe(check, run);
    if ('problem' in probeOnce) {
        record.probes = 0;
        record.lastError = probeOnce.problem;
        run.log.error(execution_messages_say.checkProblem(check.name, probeOnce.problem));
        return done(false);
    }
    const probe = async (label) => {
        const result = await probeOnce.probe();
        record.probes++;
        if (result.sample && record.metric) {
            const samples = record.metric.samples;
            samples.push({ n: record.probes, ...result.sample });
            if (samples.length > LIMITS.metricSamples)
                samples.shift();
        }
        if (result.isHealthy) {
            record.lastStatus = result.summary;
            run.log.info(execution_messages_say.probeHealthy(label, result.summary));
        }
        else {
            record.failures++;
            record.lastError = result.summary;
            run.log.info(execution_messages_say.probeUnhealthy(label, result.summary));
        }
        return result.isHealthy;
    };
    let isHealthy = false;
    for (let attempt = 1; attempt <= check.retries && !run.signal?.aborted; attempt++) {
        isHealthy = await probe(execution_messages_say.probeLabel(attempt, check.retries));
        if (isHealthy)
            break;
        if (attempt < check.retries)
            await run.clock.sleep(check.intervalMs, run.signal);
    }
    if (!isHealthy || run.signal?.aborted) {
        run.log.error(execution_messages_say.noHealthyAnswer(check.name, check.retries, record.lastError ?? execution_messages_say.none));
        return done(false);
    }
    if (check.watchMs > 0) {
        const watchEnds = run.clock.now() + check.watchMs;
        const pauseMs = Math.max(check.intervalMs, 1_000);
        let watchFailures = 0;
        run.log.info(execution_messages_say.watching(formatDuration(check.watchMs), check.failureLimit));
        while (run.clock.now() + pauseMs <= watchEnds && !run.signal?.aborted) {
            await run.clock.sleep(pauseMs, run.signal);
            if (!(await probe(execution_messages_say.watchLabel(formatDuration(check.watchMs - (watchEnds - run.clock.now())))))) {
                watchFailures++;
                if (watchFailures > check.failureLimit) {
                    run.log.error(execution_messages_say.tooManyFailures(check.name, watchFailures, check.failureLimit));
                    return done(false);
                }
            }
        }
    }
    run.log.info(execution_messages_say.healthyAfter(check.name, record.probes));
    return done(!run.signal?.aborted);
}
/** A metric check's record before its first sample, its bounds set from the baseline. */
function metricOf(check, run) {
    if (check.kind !== 'command' || !check.metric)
        return undefined;
    const key = baselineKeyOf(check);
    const value = key === undefined ? undefined : run.baselines?.get(key);
    return metricRecordOf(check.metric, {
        ...(value === undefined ? {} : { value }),
        isMissing: key !== undefined && value === undefined
    });
}
/** A function that probes once, or a reason the check cannot be run at all. */
function prepareProbe(check, run) {
    if (check.kind === 'command' && check.metric) {
        const metric = check.metric;
        const key = baselineKeyOf(check);
        const bounds = boundsOf(metric, key === undefined ? undefined : run.baselines?.get(key));
        const probe = async () => {
            const result = await run.runner.run({
                script: check.run,
                cwd: run.root,
                env: run.env,
                timeoutMs: check.timeoutMs,
                onOutput: () => undefined,
                tailBytes: 4096,
                stdoutTailBytes: 4096,
                ...(run.signal ? { signal: run.signal } : {})
            });
            const reading = readMetric(result, run.log.redact);
            const value = reading.value === undefined ? undefined : parseMetricValue(reading.value);
            const sample = value === undefined ? reading : { ...reading, verdict: judge(value, bounds) };
            return {
                isHealthy: sample.verdict === 'within',
                summary: describeSample(sample, bounds, check.timeoutMs),
                sample
            };
        };
        return { probe };
    }
    if (check.kind === 'command') {
        const probe = async () => {
            const result = await run.runner.run({
                script: check.run,
                cwd: run.root,
                env: run.env,
                timeoutMs: check.timeoutMs,
                onOutput: () => undefined,
                tailBytes: 4096,
                ...(run.signal ? { signal: run.signal } : {})
            });
            if (result.status === 'succeeded')
                return { isHealthy: true, summary: execution_messages_say.exitZero };
            // Shortened only once redacted: a cut inside a secret would show the part before it.
            const lastLine = run.log.redact(result.outputTail.trim().split('\n').pop() ?? '');
            const how = result.status === 'timed-out'
                ? execution_messages_say.checkTimedOut(formatDuration(check.timeoutMs))
                : execution_messages_say.checkExit(String(result.exitCode ?? result.signal ?? '?'));
            return {
                isHealthy: false,
                summary: lastLine ? execution_messages_say.withLastLine(how, lastLine.slice(0, 200)) : how
            };
        };
        return { probe };
    }
    const { value: url, missing } = expandUrl(check.url, run.env);
    if (missing.length > 0)
        return {
            problem: execution_messages_say.urlVariablesUnset(check.url, listOf(missing.map(name => `\${${name}}`)))
        };
    if (!/^https?:\/\//.test(url))
        return { problem: execution_messages_say.urlNotHttp(check.url) };
    const target = withoutCredentials(url);
    if ('problem' in target)
        return target;
    const probe = async () => {
        const answer = await run.probe.get(target.url, check.timeoutMs, run.signal, target.headers);
        if ('error' in answer)
            return {
                isHealthy: false,
                summary: answer.isTimeout
                    ? execution_messages_say.noAnswerWithin(target.shown, formatDuration(check.timeoutMs))
                    : execution_messages_say.unanswered(target.shown, answer.error)
            };
        const isStatusOk = check.expectStatus
            ? check.expectStatus.includes(answer.status)
            : answer.status >= 200 && answer.status < 300;
        if (!isStatusOk) {
            return {
                isHealthy: false,
                summary: execution_messages_say.httpUnexpected(answer.status, expectedStatus(check.expectStatus))
            };
        }
        if (check.expectBody !== undefined && !answer.body.includes(check.expectBody)) {
            return { isHealthy: false, summary: execution_messages_say.bodyLacks(answer.status, check.expectBody) };
        }
        return { isHealthy: true, summary: execution_messages_say.http(answer.status) };
    };
    return { probe };
}
function expectedStatus(statuses) {
    return statuses ? joinMessages(statuses.map(String).map(verbatim), execution_messages_say.or) : verbatim('2xx');
}
/**
 * `https://user:password@host/…` as fetch can send it: the credentials move to a Basic
 * Authorization header, and the URL shown anywhere carries none of them.
 */
function withoutCredentials(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return { problem: execution_messages_say.urlInvalid };
    }
    if (parsed.username === '' && parsed.password === '')
        return { url, shown: url, headers: {} };
    const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    parsed.username = '';
    parsed.password = '';
    return {
        url: parsed.toString(),
        shown: parsed.toString(),
        headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
    };
}

;// CONCATENATED MODULE: ./src/plan/messages.ts
/**
 * What the plan stage says: whether the plan is found, valid and executable for this run (its
 * environment, targets, mode, rollback, secrets, working directories and variables), why a step or
 * check is left out, and the pre-flight and dry-run lines of the log.
 */

const plan_messages_en = {
    checkingGroup: 'Checking the proposal and the plan',
    dryRunGroup: 'Dry run: what a real run would do',
    refusedLine: (count) => `Deployment refused: ${count} pre-flight condition(s) unmet. Nothing was run.`,
    passedLine: (title, detail) => `✔ ${title.en}: ${detail.en}`,
    checkLine: (title, detail) => `${title.en}: ${detail.en}`,
    inputsTitle: 'the action inputs are valid',
    inputFix: (input) => `correct the ${input} input`,
    validTitle: 'the deployment plan is valid',
    validFix: 'correct the plan as each line says; schema/plan.schema.json describes every key',
    stepCount: (file, count) => `${file}: ${count} step(s)`,
    executableTitle: 'the deployment plan is executable',
    inlineCommands: (commands) => `inline commands found: ${commands.en}`,
    noInlineCommands: 'no inline commands found',
    notExecutable: (file, found) => `${file} has no deploy-executor front matter, so nothing in it may run (${found.en})`,
    notExecutableFix: (file, skeleton) => `review this front matter skeleton, complete it and paste it at the top of ${file}:\n${skeleton}`,
    targetsTitle: 'the selected targets exist and are enabled',
    targetsFix: 'correct the targets input or the plan',
    stepsTitle: 'steps are selected for this run',
    stepsFor: (count, environment) => `${count} step(s) for ${environment}`,
    noSteps: (file, environment, targets) => `no step of ${file} applies to environment '${environment}' and targets ${targets.en}`,
    noStepsFix: "check the steps' target and environments keys, or the targets input",
    environmentTitle: 'the environment is defined in the plan',
    onlyEnvironment: (environment) => `no environment input: the dry run previews the plan's only environment '${environment}'`,
    noEnvironment: 'the environment input is empty',
    noEnvironmentOfSeveral: (names) => `the environment input is empty and the plan defines several (${names.en})`,
    noEnvironmentFix: (names) => `set environment to one of the plan's environments: ${names.en}`,
    unknownEnvironment: (environment, file, names) => `environment '${environment}' is not defined in ${file} (defined: ${names.en})`,
    unknownEnvironmentFix: (names, environment) => `use one of ${names.en}, or add '${environment}' under environments in the plan`,
    environmentIs: (environment) => `'${environment}'`,
    gateTitle: (module) => `logos-project.yaml allows module '${module}' in this environment`,
    gateRefuses: (module, allowed, environment) => `deployment_gates.${module}.environments lists ${allowed.en}, not '${environment}'`,
    gateRefusesFix: (allowed, environment, module) => `deploy to one of ${allowed.en}, or add '${environment}' to deployment_gates.${module}.environments`,
    gateAllows: (environment, allowed) => `'${environment}' is one of ${allowed.en}`,
    modeTitle: 'the plan supports the mode',
    noCanary: (file) => `mode is canary but ${file} has no canary section`,
    noCanaryFix: 'add canary: {steps: [...], watch: 5m} to the plan, or use mode: deploy',
    noRollbackSteps: (file) => `mode is rollback but ${file} has no rollback.steps: a rollback on demand runs those steps`,
    noRollbackStepsFix: 'add rollback: {steps: [...]} to the plan, steps that put back DEPLOY_VERSION',
    rollbackTitle: 'the plan declares a rollback',
    rollbackCounts: (own, plan) => `${own} step rollback(s), ${plan} plan rollback step(s)`,
    noRollbackAllowed: (file) => `${file} declares no rollback; allowed by allow-no-rollback: a failure will not be undone`,
    noRollbackAllowedFix: 'add rollback.steps or step rollback commands to the plan',
    noRollback: (file) => `${file} declares no rollback (no rollback.steps, no step rollback)`,
    noRollbackFix: 'add rollback.steps (or a rollback command to the steps) to the plan, or set allow-no-rollback: true to accept a deployment that cannot be undone',
    secretsTitle: "the plan's secrets are set",
    noSecretsNeeded: 'the plan needs none',
    secretsMissing: (names, count, file) => `${names.en} ${count > 1 ? 'are' : 'is'} not set or empty (listed under secrets in ${file})`,
    secretsFix: (count, env) => `pass ${count > 1 ? 'them' : 'it'} to the step: env: { ${env} }`,
    directoriesTitle: 'working directories stay inside the project',
    directoryOutside: (dir) => `working-directory '${dir}' resolves outside the project root (through a symbolic link)`,
    directoryOutsideFix: (file) => `point working-directory at a folder inside the project, or replace the link in ${file}'s steps`,
    directoryNotFolder: (dir) => `working-directory '${dir}' is not a folder`,
    directoryNotFolderFix: (file) => `point working-directory at a folder in ${file}`,
    directoryMissing: (dir) => `working-directory '${dir}' does not exist yet`,
    directoryMissingFix: 'an earlier step must create it, or the step will fail',
    directoriesInside: 'every step runs inside the project root',
    variablesTitle: 'the variables of URLs and checks are set',
    urlUnset: (environment, url, names) => `the url of ${environment} (${url}) uses ${names.en}, not set: DEPLOY_URL would start empty`,
    checkUnset: (check, names) => `health check '${check}' uses ${names.en}, not set`,
    checkNeedsUrl: (check) => `health check '${check}' probes \${DEPLOY_URL}, which stays empty unless a step reports url=`,
    variablesSet: 'every variable they use is set',
    variablesFix: (count) => `set ${count > 1 ? 'them' : 'it'} in the job's env (or the environment's variables in the plan) before a real run`,
    allDisabled: 'every target of the plan is disabled: enable one (enabled: true)',
    noPrimary: "targets is 'primary' but no target has primary: true: mark one, or name the targets",
    unknownTarget: (name, known) => `target '${name}' is not in the plan (targets: ${known.en}): correct the targets input`,
    disabledTarget: (name) => `target '${name}' is disabled in the plan (enabled: false) and is never deployed: leave it out of targets, or enable it in the plan`,
    targetNotSelected: (target) => `target '${target}' is not selected`,
    runsOnlyIn: (environments) => `runs only in ${environments.en}`,
    load: {
        outside: (plan, root) => `plan '${plan}' is outside the project root: give a path inside ${root}`,
        none: (folder, module) => `no deployment plan: ${folder}/ holds no .md file. Write the plan (OpenLogos deployment-designer, e.g. ${folder}/${module}-01-deployment-plan.md) or set the plan input`,
        several: (plans, ofModule, module) => `several executable plans found (${plans.en}) and ${ofModule === 0 ? 'none' : 'more than one'} is named for module '${module}': set the plan input to the one to use`,
        refusedFile: (problem, fix) => `plan file ${problem.en}: ${fix.en}`,
        missing: (file) => `plan file '${file}' does not exist: check the plan input or write the plan`,
        tooLarge: (file, size, limit) => `plan file '${file}' is ${size} bytes, over the ${limit}-byte limit: a plan people review is far smaller; move data out of it`,
        language: (language) => `front matter language '${language}' is refused and was not evaluated: the plan's front matter must be YAML (start the file with a line '---')`,
        yaml: (message) => `invalid YAML: ${message}`,
        unknownKeys: (keys, count) => `unknown key${count > 1 ? 's' : ''} ${keys.en}: remove or correct ${count > 1 ? 'them' : 'it'} (see schema/plan.schema.json for the keys a plan may use)`,
        quoted: (key) => `'${key}'`,
        issue: (where, keyPath, message) => `${where}: ${keyPath ? `${keyPath}: ` : ''}${message.en}`
    },
    schema: {
        notDuration: (value, hint) => `'${value}' is not ${hint.en}`,
        tooLong: (value, max) => `'${value}' is longer than the ${max} allowed here: shorten it`,
        variableName: 'must be a variable name such as DATABASE_URL',
        reserved: (name) => `${name} is reserved: bash or the runner would act on it; use another name`,
        relativeDirectory: 'must be a path relative to the project root that stays inside it (no absolute path, no ..)',
        script: 'must be a non-empty bash script',
        id: 'must match ^[a-z0-9][a-z0-9-]*$ (lower case, digits, dashes)',
        retries: 'must be at most 1000: probe less often, or for less long',
        urlOrRun: 'a health check needs exactly one of url or run',
        urlOnly: (key) => `${key} applies to url checks only`,
        urlStart: 'must start with http://, https:// or a ${VARIABLE} holding one',
        format: (version) => `must be ${version}, the plan format`,
        environments: 'must name an environment',
        steps: 'must list at least one step',
        placeholder: 'is a draft placeholder (<TODO: …>): replace it with the real value, or remove the line',
        negative: 'must not be negative',
        percentage: "must be a percentage such as '50%', or an amount such as 0.02",
        baselineUnused: 'needs max-increase or max-decrease: a baseline nothing is compared with is not measured',
        noBound: 'needs a bound: max, min, or a baseline with max-increase or max-decrease',
        minAboveMax: (min, max) => `min ${min} is above max ${max}: no sample could pass`,
        metricOnCommand: 'applies to command checks (run) only: the command prints the number',
        tooManySamples: (samples, worst, limit) => `${samples} samples at this interval and timeout may take ${worst}, longer than the ${limit} allowed: take fewer samples or probe more often`,
        percent: 'must be a percent from 1 to 99',
        percentNotPromotion: 'must be a percent from 1 to 99: 100 is the promotion',
        increasing: 'must increase: each increment sends more traffic than the one before',
        duplicateId: (id, first) => `duplicate step id '${id}' (first used at ${first}): step ids must be unique`,
        undeclaredTarget: (target, declared) => `target '${target}' is not declared under targets (declared: ${declared.en})`,
        undeclaredEnvironment: (name, declared) => `environment '${name}' is not declared under environments (declared: ${declared.en})`,
        perTargetWithTarget: 'a per-target step or check runs for every selected target: remove target, or per-target',
        perTargetRollback: "the plan's rollback steps run once: undo each target's work in its per-target step's own rollback",
        perTargetApart: (stray, last) => `per-target steps must stand together, as one pipeline: move '${stray}' next to '${last}', or make the steps between them per-target too`,
        perTargetBaseline: "a per-target check has no baseline of its own (it would be measured before the targets' variables apply): use max and min, or a check that measures the whole fleet",
        maxParallel: "must be a number of targets, or a percent of them such as '25%'",
        atLeastOne: 'must be at least 1'
    },
    log: {
        summary: (environment, targets, mode) => `Environment ${environment}, targets ${targets.en}, mode ${mode}`,
        rollbackOnDemand: (environment, from, to) => `Rollback on demand: ${environment} from ${from} back to ${to}`,
        rollbackUnknown: 'Rollback on demand: the versions are not known (see the checks)',
        rollbackPhase: 'Rollback phase:',
        canaryPhase: 'Canary phase:',
        deployPhase: 'Deployment phase:',
        phaseAt: (phase, weight) => `${phase.en.replace(/:$/, '')} at ${weight}% (DEPLOY_CANARY_WEIGHT):`,
        baselineRequired: (samples) => `     metric baseline: median of ${samples} sample(s) before the first step; unmeasurable refuses the run`,
        baselineOptional: (samples) => `     metric baseline: median of ${samples} sample(s) before the first step; unmeasurable turns the relative bounds off`,
        step: (number, name, id) => `  ${number}. ${name} [${id}]`,
        stepOfTarget: (number, name, id, target) => `  ${number}. ${name} [${id}] (target ${target})`,
        stepPerTarget: (number, name, id) => `  ${number}. ${name} [${id}] (on each target, in its pipeline)`,
        rollout: (targets, size, pause, tolerated) => `  Per-target steps on ${targets.en}: ${size} target(s) at once, ${pause} between batches, ${tolerated} failed target(s) tolerated`,
        purpose: (purpose) => `     purpose: ${purpose}`,
        where: (dir, timeout) => `     in ${dir}, timeout ${timeout}`,
        run: (script) => `     run: ${script}`,
        ownRollback: (script) => `     rollback: ${script}`,
        noOwnRollback: "     rollback: (none of its own; the plan's rollback steps apply)",
        leftOut: (name, id, reason) => `  left out: ${name} [${id}]: ${reason.en}`,
        health: (name, probe, within) => `  health: ${name} (${probe}); failure detected within ${within}`,
        noRollback: 'Rollback: none declared',
        rollbackOf: (id, script) => `Rollback of ${id}: ${script}`,
        planRollback: (id, script) => `Plan rollback ${id}: ${script}`
    }
};
const plan_messages_zh = {
    checkingGroup: '检查提案和部署方案',
    dryRunGroup: '预演：正式运行将做什么',
    refusedLine: count => `部署被拒绝：${count} 项部署前条件未满足。未执行任何命令。`,
    passedLine: (title, detail) => `✔ ${title.zh}：${detail.zh}`,
    checkLine: (title, detail) => `${title.zh}：${detail.zh}`,
    inputsTitle: 'action 的输入有效',
    inputFix: input => `修正输入 ${input}`,
    validTitle: '部署方案有效',
    validFix: '按每一行的提示修正方案；schema/plan.schema.json 说明了每个键',
    stepCount: (file, count) => `${file}：${count} 个步骤`,
    executableTitle: '部署方案可以执行',
    inlineCommands: commands => `找到的行内命令：${commands.zh}`,
    noInlineCommands: '没有找到行内命令',
    notExecutable: (file, found) => `${file} 没有 deploy-executor front matter，因此其中的任何内容都不会执行（${found.zh}）`,
    notExecutableFix: (file, skeleton) => `审阅这段 front matter 骨架，补全后粘贴到 ${file} 的开头：\n${skeleton}`,
    targetsTitle: '所选部署目标存在且已启用',
    targetsFix: '修正 targets 输入或部署方案',
    stepsTitle: '本次运行选中了步骤',
    stepsFor: (count, environment) => `${environment} 有 ${count} 个步骤`,
    noSteps: (file, environment, targets) => `${file} 中没有适用于环境「${environment}」和部署目标 ${targets.zh} 的步骤`,
    noStepsFix: '检查步骤的 target 和 environments 键，或 targets 输入',
    environmentTitle: '部署方案中定义了该环境',
    onlyEnvironment: environment => `没有 environment 输入：预演展示方案中唯一的环境「${environment}」`,
    noEnvironment: 'environment 输入为空',
    noEnvironmentOfSeveral: names => `environment 输入为空，而方案定义了多个环境（${names.zh}）`,
    noEnvironmentFix: names => `把 environment 设为方案中的某个环境：${names.zh}`,
    unknownEnvironment: (environment, file, names) => `${file} 中没有定义环境「${environment}」（已定义：${names.zh}）`,
    unknownEnvironmentFix: (names, environment) => `使用 ${names.zh} 之一，或在方案的 environments 下添加「${environment}」`,
    environmentIs: environment => `「${environment}」`,
    gateTitle: module => `logos-project.yaml 允许模块「${module}」部署到该环境`,
    gateRefuses: (module, allowed, environment) => `deployment_gates.${module}.environments 列出的是 ${allowed.zh}，不包括「${environment}」`,
    gateRefusesFix: (allowed, environment, module) => `部署到 ${allowed.zh} 之一，或把「${environment}」加入 deployment_gates.${module}.environments`,
    gateAllows: (environment, allowed) => `「${environment}」是 ${allowed.zh} 之一`,
    modeTitle: '部署方案支持该模式',
    noCanary: file => `模式为 canary，但 ${file} 没有 canary 部分`,
    noCanaryFix: '在方案中添加 canary: {steps: [...], watch: 5m}，或使用 mode: deploy',
    noRollbackSteps: file => `模式为 rollback，但 ${file} 没有 rollback.steps：按需回滚执行的就是这些步骤`,
    noRollbackStepsFix: '在方案中添加 rollback: {steps: [...]}，即恢复 DEPLOY_VERSION 的步骤',
    rollbackTitle: '部署方案声明了回滚',
    rollbackCounts: (own, plan) => `${own} 个步骤自带回滚，${plan} 个方案回滚步骤`,
    noRollbackAllowed: file => `${file} 没有声明回滚；allow-no-rollback 允许这样做：失败将无法撤销`,
    noRollbackAllowedFix: '在方案中添加 rollback.steps 或步骤的回滚命令',
    noRollback: file => `${file} 没有声明回滚（没有 rollback.steps，步骤也没有回滚命令）`,
    noRollbackFix: '在方案中添加 rollback.steps（或为步骤添加回滚命令），或设置 allow-no-rollback: true 以接受无法撤销的部署',
    secretsTitle: '部署方案所需的密钥均已设置',
    noSecretsNeeded: '方案不需要密钥',
    secretsMissing: (names, _count, file) => `${names.zh} 未设置或为空（列在 ${file} 的 secrets 下）`,
    secretsFix: (count, env) => `把${count > 1 ? '它们' : '它'}传给该步骤：env: { ${env} }`,
    directoriesTitle: '工作目录都在项目之内',
    directoryOutside: dir => `working-directory「${dir}」（经由符号链接）指向项目根目录之外`,
    directoryOutsideFix: file => `让 working-directory 指向项目之内的文件夹，或替换 ${file} 步骤中的链接`,
    directoryNotFolder: dir => `working-directory「${dir}」不是文件夹`,
    directoryNotFolderFix: file => `在 ${file} 中让 working-directory 指向一个文件夹`,
    directoryMissing: dir => `working-directory「${dir}」尚不存在`,
    directoryMissingFix: '必须由之前的步骤创建它，否则该步骤会失败',
    directoriesInside: '所有步骤都在项目根目录之内运行',
    variablesTitle: '地址和检查用到的变量均已设置',
    urlUnset: (environment, url, names) => `${environment} 的 url（${url}）用到了未设置的 ${names.zh}：DEPLOY_URL 开始时将为空`,
    checkUnset: (check, names) => `健康检查「${check}」用到了未设置的 ${names.zh}`,
    checkNeedsUrl: check => `健康检查「${check}」探测 \${DEPLOY_URL}，除非某个步骤报告 url=，否则它一直为空`,
    variablesSet: '用到的变量均已设置',
    variablesFix: count => `正式运行前，请在 job 的 env 或方案中该环境的 variables 下设置${count > 1 ? '它们' : '它'}`,
    allDisabled: '方案的所有部署目标都已停用：启用其中一个（enabled: true）',
    noPrimary: 'targets 为「primary」，但没有目标设置 primary: true：标记一个，或直接列出目标',
    unknownTarget: (name, known) => `部署目标「${name}」不在方案中（已有目标：${known.zh}）：请修正 targets 输入`,
    disabledTarget: name => `部署目标「${name}」在方案中已停用（enabled: false），永远不会部署：把它从 targets 中去掉，或在方案中启用它`,
    targetNotSelected: target => `未选中部署目标「${target}」`,
    runsOnlyIn: environments => `只在 ${environments.zh} 中运行`,
    load: {
        outside: (plan, root) => `方案「${plan}」在项目根目录之外：请给出 ${root} 之内的路径`,
        none: (folder, module) => `没有部署方案：${folder}/ 中没有 .md 文件。请编写方案（OpenLogos deployment-designer，例如 ${folder}/${module}-01-deployment-plan.md），或设置 plan 输入`,
        several: (plans, ofModule, module) => `找到多个可执行的方案（${plans.zh}），而以模块「${module}」命名的${ofModule === 0 ? '一个也没有' : '不止一个'}：请用 plan 输入指定要用的方案`,
        refusedFile: (problem, fix) => `方案文件 ${problem.zh}：${fix.zh}`,
        missing: file => `方案文件「${file}」不存在：请检查 plan 输入，或编写方案`,
        tooLarge: (file, size, limit) => `方案文件「${file}」有 ${size} 字节，超过 ${limit} 字节的上限：供人评审的方案要小得多；请把数据移出方案`,
        language: language => `front matter 语言「${language}」被拒绝，未被执行：方案的 front matter 必须是 YAML（文件以一行「---」开头）`,
        yaml: message => `YAML 无效：${message}`,
        unknownKeys: keys => `未知的键${keys.zh}：请删除或修正（方案可用的键见 schema/plan.schema.json）`,
        quoted: key => `「${key}」`,
        issue: (where, keyPath, message) => `${where}：${keyPath ? `${keyPath}：` : ''}${message.zh}`
    },
    schema: {
        notDuration: (value, hint) => `「${value}」不是${hint.zh}`,
        tooLong: (value, max) => `「${value}」超过此处允许的 ${max}：请缩短`,
        variableName: '必须是变量名，例如 DATABASE_URL',
        reserved: name => `${name} 是保留名：bash 或 runner 会据它行事；请换一个名字`,
        relativeDirectory: '必须是相对于项目根目录、且不离开项目的路径（不能是绝对路径，不能含 ..）',
        script: '必须是非空的 bash 脚本',
        id: '必须匹配 ^[a-z0-9][a-z0-9-]*$（小写字母、数字、连字符）',
        retries: '最多为 1000：请降低探测频率，或缩短探测时间',
        urlOrRun: '健康检查必须且只能有 url 或 run 之一',
        urlOnly: key => `${key} 只适用于 url 检查`,
        urlStart: '必须以 http://、https:// 或存有地址的 ${VARIABLE} 开头',
        format: version => `必须是 ${version}，即方案格式的版本`,
        environments: '必须至少列出一个环境',
        steps: '必须至少列出一个步骤',
        placeholder: '是草稿占位符（<TODO: …>）：请换成真实的值，或删除这一行',
        negative: '不能为负数',
        percentage: '必须是百分比（例如「50%」）或数值（例如 0.02）',
        baselineUnused: '需要 max-increase 或 max-decrease：没有任何比较的基线不会被测量',
        noBound: '需要一个界限：max、min，或带 max-increase 或 max-decrease 的基线',
        minAboveMax: (min, max) => `min ${min} 高于 max ${max}：没有样本能通过`,
        metricOnCommand: '只适用于命令检查（run）：由命令打印数值',
        tooManySamples: (samples, worst, limit) => `在此间隔和超时下，${samples} 个样本最长可能耗时 ${worst}，超过允许的 ${limit}：请减少样本或提高探测频率`,
        percent: '必须是 1 到 99 之间的百分比',
        percentNotPromotion: '必须是 1 到 99 之间的百分比：100 是全量发布',
        increasing: '必须递增：每个增量的流量都要多于前一个',
        duplicateId: (id, first) => `步骤 id「${id}」重复（首次用于 ${first}）：步骤 id 必须唯一`,
        undeclaredTarget: (target, declared) => `部署目标「${target}」没有在 targets 下声明（已声明：${declared.zh}）`,
        undeclaredEnvironment: (name, declared) => `环境「${name}」没有在 environments 下声明（已声明：${declared.zh}）`,
        perTargetWithTarget: '逐目标的步骤或检查会对每个选中的目标运行：请删除 target 或 per-target',
        perTargetRollback: '方案的回滚步骤只运行一次：每个目标的撤销请写在其逐目标步骤自己的 rollback 中',
        perTargetApart: (stray, last) => `逐目标的步骤必须连在一起，组成一条流水线：请把「${stray}」移到「${last}」旁边，或把它们之间的步骤也设为 per-target`,
        perTargetBaseline: '逐目标的检查没有自己的基线（基线会在目标变量生效之前测量）：请使用 max 和 min，或用一个衡量整个集群的检查',
        maxParallel: '必须是目标个数，或目标的百分比，例如「25%」',
        atLeastOne: '必须至少为 1'
    },
    log: {
        summary: (environment, targets, mode) => `环境 ${environment}，部署目标 ${targets.zh}，模式 ${mode}`,
        rollbackOnDemand: (environment, from, to) => `按需回滚：${environment} 从 ${from} 回到 ${to}`,
        rollbackUnknown: '按需回滚：版本未知（见检查项）',
        rollbackPhase: '回滚阶段：',
        canaryPhase: '金丝雀阶段：',
        deployPhase: '部署阶段：',
        phaseAt: (phase, weight) => `${phase.zh.replace(/：$/, '')}（${weight}%，DEPLOY_CANARY_WEIGHT）：`,
        baselineRequired: samples => `     指标基线：第一个步骤之前 ${samples} 个样本的中位数；无法测得时拒绝运行`,
        baselineOptional: samples => `     指标基线：第一个步骤之前 ${samples} 个样本的中位数；无法测得时关闭相对界限`,
        step: (number, name, id) => `  ${number}. ${name} [${id}]`,
        stepOfTarget: (number, name, id, target) => `  ${number}. ${name} [${id}]（部署目标 ${target}）`,
        stepPerTarget: (number, name, id) => `  ${number}. ${name} [${id}]（逐个目标，在其流水线中）`,
        rollout: (targets, size, pause, tolerated) => `  逐目标步骤作用于 ${targets.zh}：每批同时 ${size} 个目标，批间间隔 ${pause}，容许 ${tolerated} 个目标失败`,
        purpose: purpose => `     目的：${purpose}`,
        where: (dir, timeout) => `     目录 ${dir}，超时 ${timeout}`,
        run: script => `     命令：${script}`,
        ownRollback: script => `     回滚：${script}`,
        noOwnRollback: '     回滚：（无自带回滚；使用方案的回滚步骤）',
        leftOut: (name, id, reason) => `  未选中：${name} [${id}]：${reason.zh}`,
        health: (name, probe, within) => `  健康检查：${name}（${probe}）；${within} 内发现故障`,
        noRollback: '回滚：未声明',
        rollbackOf: (id, script) => `${id} 的回滚：${script}`,
        planRollback: (id, script) => `方案回滚 ${id}：${script}`
    }
};
const plan_messages_CATALOGUE = { en: plan_messages_en, zh: plan_messages_zh };
const plan_messages_say = speakerOf(plan_messages_CATALOGUE);

;// CONCATENATED MODULE: ./src/plan/selection.ts
/** Which targets a run deploys, and which steps and checks that selection (and the environment) keeps. */


function selectTargets(plan, selection) {
    const all = Object.entries(plan.targets);
    const enabled = all.filter(([, target]) => target.isEnabled).map(([name]) => name);
    switch (selection.kind) {
        case 'all':
            return enabled.length > 0
                ? { ok: true, targets: enabled }
                : { ok: false, problems: [plan_messages_say.allDisabled] };
        case 'primary': {
            const primary = all.filter(([, target]) => target.isPrimary);
            if (primary.length === 0) {
                return { ok: false, problems: [plan_messages_say.noPrimary] };
            }
            const problems = primary
                .filter(([, target]) => !target.isEnabled)
                .map(([name]) => disabledProblem(name));
            return problems.length > 0
                ? { ok: false, problems }
                : { ok: true, targets: primary.map(([name]) => name) };
        }
        case 'names': {
            const problems = selection.names.flatMap(name => {
                const target = plan.targets[name];
                if (!target) {
                    return [plan_messages_say.unknownTarget(name, listOf(all.map(([known]) => known)))];
                }
                return target.isEnabled ? [] : [disabledProblem(name)];
            });
            return problems.length > 0 ? { ok: false, problems } : { ok: true, targets: selection.names };
        }
    }
}
function disabledProblem(name) {
    return plan_messages_say.disabledTarget(name);
}
/** Keeps what applies to this environment and these targets; says why the rest is left out. */
function selectFor(items, environment, targets) {
    const selected = [];
    const skipped = [];
    for (const item of items) {
        if (item.target !== undefined && !targets.includes(item.target)) {
            skipped.push({ item, reason: plan_messages_say.targetNotSelected(item.target) });
        }
        else if (item.environments !== undefined && !item.environments.includes(environment)) {
            skipped.push({ item, reason: plan_messages_say.runsOnlyIn(listOf(item.environments)) });
        }
        else {
            selected.push(item);
        }
    }
    return { selected, skipped };
}

;// CONCATENATED MODULE: ./src/plan/run-plan.ts

/** The promotion's DEPLOY_CANARY_WEIGHT: after the last increment, all the traffic. */
const PROMOTION_WEIGHT = 100;
function buildRunPlan(plan, deployment, defaultStepTimeoutMs) {
    const { environment, targets } = deployment;
    const resolve = (step) => ({
        ...step,
        timeoutMs: step.timeoutMs ?? defaultStepTimeoutMs
    });
    const phase = (kind, steps, health, weight) => {
        const chosenSteps = selectFor(steps, environment, targets);
        const chosenHealth = selectFor(health, environment, targets);
        return {
            kind,
            ...(weight === undefined ? {} : { weight }),
            steps: chosenSteps.selected.map(resolve),
            skippedSteps: chosenSteps.skipped,
            health: chosenHealth.selected,
            skippedHealth: chosenHealth.skipped
        };
    };
    const target = plan.environments[environment];
    const fleet = {
        targets: targets.map(name => ({ name, variables: plan.targets[name]?.variables ?? {} })),
        rollout: plan.rollout
    };
    const rollbackSteps = selectFor(plan.rollbackSteps, environment, targets).selected.map(resolve);
    if (deployment.mode === 'rollback') {
        // The rollback steps are this run's steps; nothing undoes them in turn.
        const checks = selectFor(plan.health, environment, targets);
        return {
            environmentUrl: target?.url,
            variables: target?.variables ?? {},
            phases: [
                {
                    kind: 'deploy',
                    steps: rollbackSteps,
                    skippedSteps: [],
                    health: checks.selected,
                    skippedHealth: checks.skipped
                }
            ],
            rollbackSteps: [],
            fleet
        };
    }
    const phases = [];
    if (deployment.mode === 'canary' && plan.canary) {
        const canary = plan.canary;
        const health = (canary.health ?? plan.health).map(check => canary.watchMs > 0 ? { ...check, watchMs: canary.watchMs } : check);
        const increments = canary.increments ?? [];
        if (increments.length === 0)
            phases.push(phase('canary', canary.steps, health));
        for (const weight of increments)
            phases.push(phase('canary', canary.steps, health, weight));
        phases.push(phase('deploy', plan.steps, plan.health, increments.length > 0 ? PROMOTION_WEIGHT : undefined));
    }
    else
        phases.push(phase('deploy', plan.steps, plan.health));
    return {
        environmentUrl: target?.url,
        variables: target?.variables ?? {},
        phases,
        rollbackSteps,
        fleet
    };
}
/** How many targets' pipelines run at once: the rollout's max-parallel, else all of them. */
function batchSizeOf(fleet) {
    const total = fleet.targets.length;
    const limit = fleet.rollout.maxParallel;
    if (!limit)
        return Math.max(1, total);
    const size = 'count' in limit ? limit.count : Math.ceil((limit.percent * total) / 100);
    return Math.max(1, Math.min(total, size));
}
/**
 * The longest a check can take to call a deployment unhealthy: every probe timing out, with the
 * pauses between them, plus the watch window when one is set.
 */
function worstCaseDetectionMs(check) {
    const probing = check.retries * check.timeoutMs + (check.retries - 1) * check.intervalMs;
    return probing + check.watchMs;
}
/**
 * Every step's own rollback, in the order the steps first run: a canary step that runs at each
 * increment is undone once.
 */
function stepRollbacks(runPlan) {
    const steps = runPlan.phases.flatMap(p => p.steps).filter(step => step.rollback !== undefined);
    return steps.filter((step, index) => steps.findIndex(other => other.id === step.id) === index);
}
/** The traffic percents the canary phases step through; empty without increments. */
function incrementsOf(runPlan) {
    return runPlan.phases.flatMap(phase => phase.kind === 'canary' && phase.weight !== undefined ? [phase.weight] : []);
}

;// CONCATENATED MODULE: ./src/execution/reported-url.ts

/**
 * Why a URL a step reported cannot be the deployment's URL: it goes to the deploy-url output, the
 * GitHub deployment and every later step, so it must be a plain http(s) address.
 */
function urlProblem(url) {
    // eslint-disable-next-line no-control-regex
    if (/[\s\u0000-\u001f\u007f]/.test(url))
        return execution_messages_say.urlSpaces;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return execution_messages_say.urlNotUrl;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return execution_messages_say.urlProtocol(parsed.protocol);
    return undefined;
}

;// CONCATENATED MODULE: ./src/execution/output-lines.ts
/**
 * Passes a command's output on whole lines at a time, so that a secret split across two reads is
 * still redacted as one. A partial line is held only briefly: it goes out after `idleMs` without
 * more output, or once it is long, so nothing waits for the step to end; but the bytes at its end
 * that could begin a secret (`holdBack`) wait for the rest of the line, or the end of the step.
 * Works on bytes: output is never decoded on its way through, which keeps a step printing
 * gigabytes cheap.
 */
const NEWLINE = 0x0a;
class OutputLines {
    emit;
    holdBack;
    idleMs;
    maxPartial;
    partial;
    timer;
    constructor(emit, holdBack = () => 0, idleMs = 250, maxPartial = 8 * 1024) {
        this.emit = emit;
        this.holdBack = holdBack;
        this.idleMs = idleMs;
        this.maxPartial = maxPartial;
    }
    push(chunk) {
        const last = chunk.lastIndexOf(NEWLINE);
        if (last === -1) {
            this.partial = this.partial ? Buffer.concat([this.partial, chunk]) : Buffer.from(chunk);
            if (this.partial.length > this.maxPartial)
                return this.flushPartial();
            this.armTimer();
            return undefined;
        }
        // Only the held partial line and the chunk's first line are copied together; the rest of the
        // chunk goes on as a view of the bytes read, whatever their size.
        const first = chunk.indexOf(NEWLINE) + 1;
        const head = this.partial
            ? Buffer.concat([this.partial, chunk.subarray(0, first)])
            : chunk.subarray(0, first);
        const body = chunk.subarray(first, last + 1);
        const rest = chunk.subarray(last + 1);
        this.partial = rest.length > 0 ? Buffer.from(rest) : undefined;
        if (this.partial)
            this.armTimer();
        const wait = this.emit(head);
        if (body.length === 0)
            return wait;
        return wait ? wait.then(() => this.emit(body)) : this.emit(body);
    }
    /** The end of the output: everything still held goes out. */
    flush() {
        this.stopTimer();
        const rest = this.partial;
        this.partial = undefined;
        return rest ? this.emit(rest) : undefined;
    }
    /** A partial line goes out early, all but the bytes that could begin a secret. */
    flushPartial() {
        this.stopTimer();
        const partial = this.partial;
        if (!partial)
            return undefined;
        const kept = this.holdBack(partial);
        if (kept >= partial.length)
            return undefined;
        this.partial = kept > 0 ? Buffer.from(partial.subarray(partial.length - kept)) : undefined;
        return this.emit(partial.subarray(0, partial.length - kept));
    }
    /**
     * The partial line goes out `idleMs` after the last read that left one. One timer serves the
     * whole output, re-armed at each such read rather than made anew (a step printing fast makes
     * thousands of reads a second); left running after its line was completed, it finds nothing.
     */
    armTimer() {
        if (this.timer)
            this.timer.refresh();
        else
            this.timer = setTimeout(() => void this.flushPartial(), this.idleMs);
    }
    stopTimer() {
        clearTimeout(this.timer);
        this.timer = undefined;
    }
}

;// CONCATENATED MODULE: ./src/core/paths.ts
/** Path containment: nothing the plan names may lead outside the project root. */


/** True when `candidate` is `root` or lies under it, judged on the paths as written. */
function isInside(root, candidate) {
    const relative = external_node_path_default().relative(external_node_path_default().resolve(root), external_node_path_default().resolve(candidate));
    return relative === '' || (!relative.startsWith('..') && !external_node_path_default().isAbsolute(relative));
}
/**
 * True when `candidate` stays under `root` once symbolic links are followed. A path that does not
 * exist yet is judged by its nearest existing ancestor. Synchronous: it runs before every step and
 * is a couple of local system calls.
 */
function isInsideReal(root, candidate) {
    const realRoot = external_node_fs_namespaceObject.realpathSync.native(root);
    let current = external_node_path_default().resolve(candidate);
    for (;;) {
        const real = realOrUndefined(current);
        if (real !== undefined)
            return isInside(realRoot, real);
        const parent = external_node_path_default().dirname(current);
        if (parent === current)
            return false;
        current = parent;
    }
}
function realOrUndefined(file) {
    try {
        return external_node_fs_namespaceObject.realpathSync.native(file);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/execution/step.ts
/**
 * Runs one plan step (or rollback step) and records it: a log group that says what is about to
 * happen and to which environment, the live output, the result, and the step's DEPLOY_OUTPUT.
 */









async function runStep(step, placement, run) {
    const { log } = run;
    const name = placement.undoes === undefined ? verbatim(step.name) : execution_messages_say.undo(step.name);
    const title = execution_messages_say.stepGroup(placement.label, name, step.id);
    return log.group(title, async () => {
        if (step.purpose && placement.phase !== 'rollback')
            log.info(execution_messages_say.purpose(step.purpose));
        const environment = run.deployment.environment;
        log.info(run.url ? execution_messages_say.environmentAt(environment, run.url) : execution_messages_say.environment(environment));
        if (placement.weight !== undefined)
            log.info(execution_messages_say.canaryWeight(placement.weight));
        const target = run.target?.name ?? step.target;
        log.info(target ? execution_messages_say.target(target, step.workingDirectory) : execution_messages_say.everyTarget(step.workingDirectory));
        if (placement.phase !== 'rollback')
            log.info(execution_messages_say.rollbackPoint(placement.rollbackPoint));
        const startedAt = new Date(run.clock.now()).toISOString();
        const base = { id: step.id, name: step.name, phase: placement.phase, startedAt, outputs: {} };
        const record = {
            ...base,
            ...(target === undefined ? {} : { target }),
            ...(placement.undoes === undefined ? {} : { undoes: placement.undoes }),
            ...(placement.weight === undefined ? {} : { weight: placement.weight })
        };
        const cwd = external_node_path_default().resolve(run.root, step.workingDirectory);
        // Checked before every step, not once: an earlier step may have replaced the folder with a link.
        const problem = workingDirectoryProblem(run.root, cwd, step.workingDirectory);
        if (problem) {
            log.error(execution_messages_say.stepProblem(step.id, problem));
            return { ...record, status: 'failed', durationMs: 0, note: problem };
        }
        // A name no earlier step used: the step's first `>>` creates it, so it starts empty. A canary
        // step runs once per increment, each run with a file of its own.
        const runName = [step.id, placement.weight, run.target?.name]
            .filter(part => part !== undefined)
            .join('-');
        const outputFile = external_node_path_default().join(run.scratchDir, `${placement.phase}-${runName}.out`);
        const env = stepEnvironment({
            job: run.job,
            variables: run.variables,
            ...(run.target ? { targetVariables: run.target.variables } : {}),
            stepEnv: step.env,
            deployment: run.deployment,
            url: run.url,
            outputFile,
            ...(target === undefined ? {} : { target }),
            ...(placement.failedStep === undefined ? {} : { failedStep: placement.failedStep }),
            ...(placement.weight === undefined ? {} : { canaryWeight: placement.weight })
        });
        const { timeoutMs } = step;
        const lines = new OutputLines(text => run.log.write(text), bytes => run.log.partialSecretLength(bytes));
        const result = await log.streaming(async () => {
            const outcome = await run.runner.run({
                script: placement.script ?? step.run,
                cwd,
                env,
                timeoutMs,
                onOutput: chunk => lines.push(chunk),
                tailBytes: LIMITS.stepOutputTailBytes,
                ...(run.signal ? { signal: run.signal } : {}),
                onStart: processGroup => run.onStarted?.(step.id, processGroup, run.target?.name)
            });
            await lines.flush();
            return outcome;
        });
        const outputs = parseOutputFile(readOutputFile(outputFile));
        const note = describeEnd(result.status, timeoutMs, result.error);
        const exit = result.exitCode === undefined ? undefined : execution_messages_say.exitCode(result.exitCode);
        const finished = execution_messages_say.finished(result.status === 'succeeded' ? '✔' : '✖', step.id, note ?? execution_messages_say.succeeded, formatDuration(result.durationMs), exit, result.signal);
        if (result.status === 'succeeded')
            log.info(finished);
        else
            log.error(finished);
        if (result.hasLingeringOutput) {
            log.warning(execution_messages_say.lingering(step.id));
        }
        return {
            ...record,
            status: result.status,
            durationMs: Math.round(result.durationMs),
            outputTail: result.outputTail,
            outputs,
            ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
            ...(result.signal === undefined ? {} : { signal: result.signal }),
            ...(note === undefined ? {} : { note })
        };
    });
}
function describeEnd(status, timeoutMs, error) {
    if (error)
        return error;
    switch (status) {
        case 'timed-out':
            return execution_messages_say.timedOut(formatDuration(timeoutMs));
        case 'cancelled':
            return execution_messages_say.cancelled;
        case 'failed':
            return execution_messages_say.failed;
        default:
            return undefined;
    }
}
/** DEPLOY_OUTPUT holds key=value lines; more than this is not what it is for. */
const MAX_OUTPUT_FILE_BYTES = 1024 * 1024;
/**
 * The step's DEPLOY_OUTPUT: only a regular file the step wrote. A step that replaced it with a link
 * (to /proc/self/environ, say) gets nothing read through it.
 */
function readOutputFile(file) {
    try {
        // Most steps write no outputs: no exception made for an absent file, at every step.
        const stat = (0,external_node_fs_namespaceObject.lstatSync)(file, { throwIfNoEntry: false });
        if (!stat?.isFile() || stat.size > MAX_OUTPUT_FILE_BYTES)
            return '';
        return (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8');
    }
    catch {
        return '';
    }
}
function workingDirectoryProblem(root, cwd, written) {
    if (!isInsideReal(root, cwd))
        return execution_messages_say.directoryOutside(written);
    const stat = (0,external_node_fs_namespaceObject.statSync)(cwd, { throwIfNoEntry: false });
    if (!stat)
        return execution_messages_say.directoryMissing(written);
    return stat.isDirectory() ? undefined : execution_messages_say.directoryNotFolder(written);
}

;// CONCATENATED MODULE: ./src/execution/target-log.ts

const target_log_NEWLINE = 0x0a;
/** A line longer than this is cut: one target must not hold the others' lines back for ever. */
const MAX_LINE_BYTES = 64 * 1024;
function targetLog(base, target) {
    const prefix = Buffer.from(`[${target}] `);
    const named = (text) => text
        .split(/\r\n|\r|\n/)
        .map(line => `[${target}] ${line}`)
        .join('\n');
    const tell = (message) => base.info({ en: named(message.en), zh: named(message.zh) });
    let partial;
    // Whole lines in, the same lines out with the prefix: one buffer, no object per line (a target
    // may print millions of them).
    const emit = (lines) => {
        let count = 0;
        for (let at = lines.indexOf(target_log_NEWLINE); at >= 0; at = lines.indexOf(target_log_NEWLINE, at + 1))
            count++;
        if (count === 0)
            return undefined;
        const out = Buffer.allocUnsafe(lines.length + count * prefix.length);
        let from = 0;
        let size = 0;
        for (let end = lines.indexOf(target_log_NEWLINE); end >= 0; end = lines.indexOf(target_log_NEWLINE, from)) {
            size += prefix.copy(out, size);
            size += lines.copy(out, size, from, end + 1);
            from = end + 1;
        }
        return base.write(out.subarray(0, size));
    };
    const flush = () => {
        const rest = partial;
        partial = undefined;
        return rest ? emit(Buffer.concat([rest, Buffer.from('\n')])) : undefined;
    };
    return {
        info: tell,
        warning: message => tell(execution_messages_say.targetWarning(message)),
        error: message => tell(execution_messages_say.targetError(message)),
        debug: message => base.debug({ en: named(message.en), zh: named(message.zh) }),
        group: (title, body) => {
            tell(execution_messages_say.targetGroup(title));
            return body();
        },
        write: chunk => {
            const bytes = partial ? Buffer.concat([partial, chunk]) : chunk;
            const last = bytes.lastIndexOf(target_log_NEWLINE);
            const whole = last >= 0 ? bytes.subarray(0, last + 1) : Buffer.alloc(0);
            let rest = bytes.subarray(last + 1);
            if (rest.length > MAX_LINE_BYTES) {
                // Cut the long line, but keep back whatever could begin a secret still to come.
                const kept = base.partialSecretLength(rest);
                const out = rest.subarray(0, rest.length - kept);
                rest = rest.subarray(rest.length - kept);
                partial = rest.length > 0 ? Buffer.from(rest) : undefined;
                return emit(Buffer.concat([whole, out, Buffer.from('\n')]));
            }
            partial = rest.length > 0 ? Buffer.from(rest) : undefined;
            return whole.length > 0 ? emit(whole) : undefined;
        },
        streaming: async (body) => {
            try {
                return await body();
            }
            finally {
                await flush();
            }
        },
        partialSecretLength: bytes => base.partialSecretLength(bytes),
        redact: text => base.redact(text)
    };
}

;// CONCATENATED MODULE: ./src/execution/rollback.ts
/**
 * Undoes a failed deployment, in the order of plan-format.md: the rollback of every step that ran,
 * newest first (the failed step's own too, as it may have half-applied), then the plan's rollback
 * steps. Per-target steps are undone target by target, each target's newest first, the targets in
 * parallel (as many at once as the rollout allows). A rollback step that fails is recorded and the
 * rest still run.
 */





/** What identifies a rollback step's run: an interrupted pass resumes by it, never repeats one. */
function rollbackKey(item) {
    return `${item.undoes ?? ''}>${item.id}#${item.target ?? ''}@${item.weight ?? ''}`;
}
/** As the record of its run will say: a step's own `target`, or the one a per-target run was for. */
const keyOf = (item) => rollbackKey({
    undoes: item.undoes,
    id: item.step.id,
    target: item.target ?? item.step.target,
    weight: item.weight
});
/**
 * The steps a rollback runs, in order. A canary step that ran at several increments is undone once,
 * with the weight of its latest run; a per-target step once per target that ran it; the plan's
 * rollback steps see the weight the run had reached.
 */
function rollbackSequence(request) {
    const ran = request.executed.filter(record => record.status !== 'skipped').reverse();
    const undone = new Set();
    const units = [];
    for (const record of ran) {
        const step = request.steps.get(record.id);
        if (step?.rollback === undefined)
            continue;
        const target = step.isPerTarget ? record.target : undefined;
        const key = `${step.id}#${target ?? ''}`;
        if (undone.has(key))
            continue;
        undone.add(key);
        const item = {
            step,
            script: step.rollback,
            undoes: step.id,
            ...(record.weight === undefined ? {} : { weight: record.weight }),
            ...(target === undefined ? {} : { target })
        };
        const last = units.at(-1);
        if (target === undefined)
            units.push({ kind: 'serial', item });
        else if (last?.kind === 'parallel') {
            const lane = last.lanes.find(items => items[0]?.target === target);
            if (lane)
                lane.push(item);
            else
                last.lanes.push([item]);
        }
        else
            units.push({ kind: 'parallel', lanes: [[item]] });
    }
    const weights = ran.flatMap(record => (record.weight === undefined ? [] : [record.weight]));
    const reached = weights.length > 0 ? { weight: Math.max(...weights) } : {};
    for (const step of request.planRollbackSteps)
        units.push({ kind: 'serial', item: { step, script: step.run, ...reached } });
    return units;
}
/** Every rollback step of a sequence, in the order a reader would list them. */
function rollbackItems(units) {
    return units.flatMap(unit => (unit.kind === 'serial' ? [unit.item] : unit.lanes.flat()));
}
async function rollback_runRollback(request, run, options = {}) {
    const units = rollbackSequence(request);
    const items = rollbackItems(units);
    const done = new Set((options.done ?? []).map(record => rollbackKey(record)));
    const records = (options.done ?? []).filter(record => items.some(item => keyOf(item) === rollbackKey(record)));
    run.log.warning(records.length === 0
        ? execution_messages_say.rollingBack(request.cause, items.length)
        : execution_messages_say.resumingRollback(request.cause, records.length, items.length));
    const undo = async (item, itemRun) => {
        if (done.has(keyOf(item)))
            return;
        const record = await runStep(item.step, {
            phase: 'rollback',
            label: execution_messages_say.rollbackLabel(items.indexOf(item) + 1, items.length),
            rollbackPoint: execution_messages_say.thisIsTheRollback,
            failedStep: request.cause,
            script: item.script,
            ...(item.undoes === undefined ? {} : { undoes: item.undoes }),
            ...(item.weight === undefined ? {} : { weight: item.weight })
        }, itemRun);
        records.push(record);
        await options.onStepDone?.(record);
    };
    const size = batchSizeOf(request.fleet);
    for (const unit of units) {
        if (unit.kind === 'serial') {
            await undo(unit.item, run);
            continue;
        }
        for (let start = 0; start < unit.lanes.length; start += size) {
            const lanes = unit.lanes.slice(start, start + size);
            await run.log.streaming(() => Promise.all(lanes.map(async (lane) => {
                const name = lane[0]?.target ?? '';
                const target = request.fleet.targets.find(item => item.name === name) ?? {
                    name,
                    variables: {}
                };
                const laneRun = { ...run, log: targetLog(run.log, name), target };
                for (const item of lane)
                    await undo(item, laneRun);
            })));
        }
    }
    const isComplete = records.every(record => record.status === 'succeeded');
    const durationMs = Math.max(0, run.clock.now() - request.failedAt);
    if (isComplete)
        run.log.info(execution_messages_say.rollbackComplete(records.length));
    else
        run.log.error(execution_messages_say.rollbackIncomplete(listOf(records
            .filter(record => record.status !== 'succeeded')
            .map(record => (record.target ? `${record.id}@${record.target}` : record.id)))));
    return { cause: request.cause, steps: records, isComplete, durationMs };
}

;// CONCATENATED MODULE: ./src/execution/fleet.ts










async function runFleet(stage, fleet, run, deps) {
    const state = {
        steps: [],
        health: [],
        targets: fleet.targets.map(target => ({ target: target.name, status: 'pending' })),
        running: [],
        undone: []
    };
    const warnings = [];
    const outcome = (name) => state.targets.find(item => item.target === name);
    const changed = () => deps.onChange(state);
    const size = batchSizeOf(fleet);
    const batches = [];
    for (let start = 0; start < fleet.targets.length; start += size)
        batches.push(fleet.targets.slice(start, start + size));
    let failure;
    let failedCount = 0;
    for (const [index, batch] of batches.entries()) {
        if (deps.signal?.aborted) {
            failure = { cause: 'cancellation', at: deps.clock.now(), isCancel: true };
            break;
        }
        deps.log.info(execution_messages_say.batch(batch.map(target => target.name).join(', '), index + 1, batches.length, batch.length));
        const ended = await deps.log.streaming(() => Promise.all(batch.map(target => runPipeline(target, stage, run, deps, state, changed))));
        for (const [position, end] of ended.entries()) {
            const target = batch[position];
            if (end.status === 'deployed')
                continue;
            if (end.status === 'cancelled') {
                failure ??= { cause: `target ${target.name}`, at: deps.clock.now(), isCancel: true };
                continue;
            }
            failedCount++;
            deps.log.error(execution_messages_say.targetFailed(target.name, end.cause ?? '?'));
            if (failedCount > fleet.rollout.maxFailedTargets) {
                failure ??= {
                    cause: `target ${target.name}: ${end.cause ?? '?'}`,
                    at: deps.clock.now(),
                    isCancel: false
                };
            }
        }
        if (failure)
            break;
        // Failures within the tolerance: each such target is put back on its own, and the rollout goes on.
        for (const target of batch.filter(item => outcome(item.name).status === 'failed')) {
            await undoTarget(target, stage, run, deps, state);
            await changed();
            warnings.push(execution_messages_say.targetUndone(target.name, outcome(target.name).cause ?? '?', fleet.rollout.maxFailedTargets));
        }
        const isLast = index === batches.length - 1;
        if (!isLast && fleet.rollout.pauseMs > 0) {
            deps.log.info(execution_messages_say.pausing(formatDuration(fleet.rollout.pauseMs)));
            await deps.clock.sleep(fleet.rollout.pauseMs, deps.signal);
        }
    }
    for (const item of state.targets)
        if (item.status === 'pending')
            item.status = failure?.isCancel ? 'cancelled' : 'not-started';
    await changed();
    return { ...state, ...(failure ? { failure } : {}), warnings };
}
async function runPipeline(target, stage, run, deps, state, changed) {
    const log = targetLog(deps.log, target.name);
    const outcome = state.targets.find(item => item.target === target.name);
    const end = async (result) => {
        Object.assign(outcome, result);
        state.running = state.running.filter(item => item.target !== target.name);
        await changed();
        return result;
    };
    outcome.status = 'running';
    const targetRun = {
        ...run,
        log,
        target,
        onStarted: (step, processGroup) => {
            state.running = [
                ...state.running.filter(item => item.target !== target.name),
                { target: target.name, step, processGroup }
            ];
            void changed();
        }
    };
    const { weight } = stage;
    for (const [index, step] of stage.steps.entries()) {
        if (deps.signal?.aborted)
            return end({ status: 'cancelled', cause: step.id });
        state.running = [
            ...state.running.filter(item => item.target !== target.name),
            { target: target.name, step: step.id }
        ];
        await changed();
        const record = await runStep(step, {
            phase: stage.kind,
            label: weight === undefined
                ? execution_messages_say.stepLabel(index + 1, stage.steps.length)
                : execution_messages_say.stepLabelAt(index + 1, stage.steps.length, weight),
            rollbackPoint: step.rollback === undefined ? execution_messages_say.planRollback : verbatim(step.rollback),
            ...(weight === undefined ? {} : { weight })
        }, targetRun);
        state.steps.push(record);
        // The target's own DEPLOY_URL for its later steps and checks; the deployment's stays as it is.
        const reported = record.outputs['url'];
        if (reported && urlProblem(reported) === undefined)
            targetRun.url = reported;
        if (record.status === 'succeeded')
            continue;
        if (record.status === 'failed' && step.continueOnError)
            continue;
        return end({ status: record.status === 'cancelled' ? 'cancelled' : 'failed', cause: step.id });
    }
    state.running = state.running.filter(item => item.target !== target.name);
    for (const check of stage.health) {
        const env = stepEnvironment({
            job: run.job,
            variables: run.variables,
            targetVariables: target.variables,
            stepEnv: {},
            deployment: run.deployment,
            url: targetRun.url,
            target: target.name,
            outputFile: '/dev/null',
            ...(weight === undefined ? {} : { canaryWeight: weight })
        });
        log.info(execution_messages_say.targetCheck(check.name));
        const record = await runHealthCheck(check, stage.kind, {
            probe: deps.probe,
            runner: deps.runner,
            clock: deps.clock,
            log,
            root: run.root,
            env,
            ...(deps.signal ? { signal: deps.signal } : {}),
            ...(deps.baselines ? { baselines: deps.baselines } : {})
        }, weight);
        state.health.push({ ...record, target: target.name });
        if (!record.isHealthy)
            return end({
                status: deps.signal?.aborted ? 'cancelled' : 'failed',
                cause: `health check '${check.name}'`
            });
    }
    return end({ status: 'deployed' });
}
/** A failed target within the tolerance: its own pipeline's rollbacks, newest first. */
async function undoTarget(target, stage, run, deps, state) {
    const outcome = state.targets.find(item => item.target === target.name);
    const executed = state.steps.filter(record => record.target === target.name);
    const record = await rollback_runRollback({
        executed,
        steps: new Map(stage.steps.map(step => [step.id, step])),
        planRollbackSteps: [],
        cause: `target ${target.name}: ${outcome.cause ?? '?'}`,
        failedAt: deps.clock.now(),
        fleet: {
            targets: [target],
            rollout: { maxParallel: undefined, pauseMs: 0, maxFailedTargets: 0 }
        }
    }, { ...run, signal: undefined }, {});
    state.undone.push(...record.steps);
    outcome.status = record.isComplete ? 'undone' : 'failed';
}

;// CONCATENATED MODULE: ./src/execution/execute.ts
/**
 * A real run of the plan: each phase's steps in order, then its health checks; the first failure
 * stops the run (remaining steps are skipped) and starts the rollback. In canary mode the canary
 * phase (each increment's, in order) must be healthy before the deploy phase, the promotion, runs
 * at all.
 */










async function executeRunPlan(input, deps) {
    const { runPlan } = input;
    const warnings = [];
    const scratchDir = await external_node_fs_namespaceObject.promises.mkdtemp(external_node_path_default().join(deps.tempDir, 'deploy-executor-'));
    try {
        const run = {
            root: input.root,
            runner: deps.runner,
            log: deps.log,
            clock: deps.clock,
            job: input.job,
            variables: runPlan.variables,
            deployment: input.deployment,
            url: initialUrl(input, warnings, deps.log),
            scratchDir,
            onStarted: (stepId, processGroup) => void progress({
                runningStep: stepId,
                runningProcessGroup: processGroup,
                ...(runningWeight === undefined ? {} : { runningWeight })
            }),
            ...(deps.signal ? { signal: deps.signal } : {})
        };
        const steps = [];
        const health = [];
        const planSteps = new Map();
        const total = runPlan.phases.reduce((sum, phase) => sum + phase.steps.length, 0);
        let failure;
        let runningWeight;
        let fleet;
        let targets;
        const undoneTargets = [];
        const progress = async (extra = {}) => {
            const undone = [...undoneTargets, ...(fleet?.undone ?? [])];
            const outcomes = fleet?.targets ?? targets;
            await deps.onProgress?.({
                steps: [...steps, ...(fleet?.steps ?? [])],
                health: [...health, ...(fleet?.health ?? [])],
                deployUrl: run.url,
                ...(fleet && fleet.running.length > 0 ? { runningTargets: [...fleet.running] } : {}),
                ...(outcomes ? { targets: structuredClone(outcomes) } : {}),
                ...(undone.length > 0 ? { undoneTargets: undone } : {}),
                ...extra
            });
        };
        const runOnce = async (step, phase) => {
            const { weight } = phase;
            planSteps.set(step.id, step);
            if (!failure && deps.signal?.aborted) {
                // Cancelled between steps: the next one is not started at all.
                failure = { cause: 'cancellation', at: deps.clock.now(), isCancel: true };
            }
            if (failure) {
                steps.push(skippedRecord(step, phase.kind, notRunBecause(failure), weight));
                return;
            }
            await progress({
                runningStep: step.id,
                ...(weight === undefined ? {} : { runningWeight: weight })
            });
            const record = await runStep(step, {
                phase: phase.kind,
                label: weight === undefined
                    ? execution_messages_say.stepLabel(steps.length + 1, total)
                    : execution_messages_say.stepLabelAt(steps.length + 1, total, weight),
                rollbackPoint: rollbackPointOf(step, input),
                ...(weight === undefined ? {} : { weight })
            }, run);
            steps.push(record);
            const reportedUrl = record.outputs['url'];
            if (reportedUrl) {
                const problem = urlProblem(reportedUrl);
                if (problem === undefined)
                    run.url = reportedUrl;
                else {
                    const shown = JSON.stringify(deps.log.redact(reportedUrl).slice(0, 200));
                    const warning = execution_messages_say.urlIgnored(step.id, shown, problem);
                    warnings.push(warning);
                    deps.log.warning(warning);
                }
            }
            // No journal write here: the next step's "starting" write, or the phase's end, records it.
            if (record.status === 'succeeded')
                return;
            if (record.status === 'failed' && step.continueOnError) {
                warnings.push(execution_messages_say.passedOver(step.id));
                return;
            }
            failure = { cause: step.id, at: deps.clock.now(), isCancel: record.status === 'cancelled' };
        };
        for (const phase of runPlan.phases) {
            const { weight } = phase;
            runningWeight = weight;
            const { before, pipeline, after } = splitPipeline(phase.steps);
            const perTargetChecks = phase.health.filter(check => check.isPerTarget);
            for (const step of before)
                await runOnce(step, phase);
            if (pipeline.length > 0 || perTargetChecks.length > 0) {
                pipeline.forEach(step => planSteps.set(step.id, step));
                if (failure) {
                    const why = notRunBecause(failure);
                    for (const step of pipeline)
                        for (const target of runPlan.fleet.targets)
                            steps.push({ ...skippedRecord(step, phase.kind, why, weight), target: target.name });
                }
                else {
                    const result = await runFleet({
                        kind: phase.kind,
                        steps: pipeline,
                        health: perTargetChecks,
                        ...(weight === undefined ? {} : { weight })
                    }, runPlan.fleet, run, {
                        probe: deps.probe,
                        runner: deps.runner,
                        clock: deps.clock,
                        log: deps.log,
                        ...(deps.signal ? { signal: deps.signal } : {}),
                        ...(input.baselines ? { baselines: input.baselines } : {}),
                        onChange: state => {
                            fleet = state;
                            return progress();
                        }
                    });
                    fleet = undefined;
                    steps.push(...result.steps);
                    health.push(...result.health);
                    undoneTargets.push(...result.undone);
                    targets = result.targets;
                    warnings.push(...result.warnings);
                    if (result.failure)
                        failure = result.failure;
                }
            }
            for (const step of after)
                await runOnce(step, phase);
            if (failure)
                continue;
            const onceChecks = { ...phase, health: phase.health.filter(check => !check.isPerTarget) };
            // The phase's steps are journaled as done before a long analysis starts.
            if (onceChecks.health.length > 0)
                await progress();
            failure = await checkHealth(onceChecks, run, { ...deps, baselines: input.baselines }, health);
            await progress();
        }
        let status = 'success';
        let rollback;
        let pendingRollback;
        if (failure) {
            const pending = { cause: failure.cause, failedAt: failure.at, isCancel: failure.isCancel };
            await progress({ pendingRollback: pending });
            const mayRollBack = input.rollbackOnFailure && (!failure.isCancel || input.rollbackOnCancel);
            if (mayRollBack) {
                // Each rollback step is journaled as it starts and ends: a post step resumes, never repeats.
                const done = [];
                let lanes = [];
                const rollbackRun = {
                    ...run,
                    signal: undefined,
                    onStarted: (stepId, processGroup, target) => {
                        if (target !== undefined)
                            lanes = [
                                ...lanes.filter(item => item.target !== target),
                                { target, step: stepId, processGroup }
                            ];
                        void progress({
                            pendingRollback: pending,
                            rollingBack: {
                                done: [...done],
                                running: stepId,
                                ...(lanes.length > 0 ? { runningTargets: lanes } : {})
                            },
                            ...(target === undefined ? { runningProcessGroup: processGroup } : {})
                        });
                    }
                };
                rollback = await rollback_runRollback({
                    executed: execute_stillDeployed(steps, planSteps, targets),
                    steps: planSteps,
                    planRollbackSteps: runPlan.rollbackSteps,
                    cause: failure.cause,
                    failedAt: failure.at,
                    fleet: runPlan.fleet
                }, rollbackRun, {
                    onStepDone: async (record) => {
                        done.push(record);
                        lanes = lanes.filter(item => item.target !== record.target);
                        await progress({
                            pendingRollback: pending,
                            rollingBack: {
                                done: [...done],
                                ...(lanes.length > 0 ? { runningTargets: lanes } : {})
                            }
                        });
                    }
                });
                status = failure.isCancel ? 'cancelled' : rollback.isComplete ? 'rolled-back' : 'failure';
                await progress({ rollback });
            }
            else {
                status = failure.isCancel ? 'cancelled' : 'failure';
                if (failure.isCancel && input.rollbackOnFailure)
                    pendingRollback = pending;
                const hasUndo = runPlan.rollbackSteps.length > 0 || [...planSteps.values()].some(step => step.rollback);
                if (!input.rollbackOnFailure && hasUndo)
                    warnings.push(execution_messages_say.nothingUndone);
            }
        }
        return {
            status,
            steps,
            health,
            ...(pendingRollback ? { pendingRollback } : {}),
            ...(rollback ? { rollback } : {}),
            ...(run.url ? { deployUrl: run.url } : {}),
            ...(targets ? { targets } : {}),
            ...(undoneTargets.length > 0 ? { undoneTargets } : {}),
            warnings
        };
    }
    finally {
        await external_node_fs_namespaceObject.promises.rm(scratchDir, { recursive: true, force: true });
    }
}
async function checkHealth(phase, run, deps, records) {
    const checks = phase.health;
    const { weight } = phase;
    for (const [index, check] of checks.entries()) {
        const env = stepEnvironment({
            job: run.job,
            variables: run.variables,
            stepEnv: {},
            deployment: run.deployment,
            url: run.url,
            outputFile: '/dev/null',
            ...(weight === undefined ? {} : { canaryWeight: weight })
        });
        const what = phase.kind === 'canary' ? execution_messages_say.canaryAnalysis : execution_messages_say.healthCheck;
        const label = weight === undefined
            ? execution_messages_say.checkGroup(what, index + 1, checks.length, check.name)
            : execution_messages_say.checkGroupAt(what, weight, index + 1, checks.length, check.name);
        const record = await deps.log.group(label, () => runHealthCheck(check, phase.kind, {
            probe: deps.probe,
            runner: deps.runner,
            clock: deps.clock,
            log: deps.log,
            root: run.root,
            env,
            ...(deps.signal ? { signal: deps.signal } : {}),
            ...(deps.baselines ? { baselines: deps.baselines } : {})
        }, weight));
        records.push(record);
        if (!record.isHealthy) {
            return {
                cause: `health check '${check.name}'`,
                at: deps.clock.now(),
                isCancel: deps.signal?.aborted ?? false
            };
        }
    }
    return undefined;
}
function initialUrl(input, warnings, log) {
    const template = input.runPlan.environmentUrl;
    const { value, missing } = initialUrlOf(template, { ...input.job, ...input.runPlan.variables });
    if (missing.length > 0) {
        const warning = execution_messages_say.environmentUrlUnset(template ?? '', listOf(missing));
        warnings.push(warning);
        log.warning(warning);
        return '';
    }
    return value;
}
function rollbackPointOf(step, input) {
    const point = input.deployment.rollbackPoint?.version;
    if (step.rollback)
        return point === undefined
            ? verbatim(step.rollback)
            : execution_messages_say.ownRollbackAfter(step.rollback, point);
    return point === undefined ? execution_messages_say.planRollback : execution_messages_say.planRollbackAfter(point);
}
function skippedRecord(step, phase, note, weight) {
    return {
        id: step.id,
        name: step.name,
        phase,
        status: 'skipped',
        durationMs: 0,
        note,
        outputs: {},
        ...(step.target === undefined ? {} : { target: step.target }),
        ...(weight === undefined ? {} : { weight })
    };
}
function notRunBecause(failure) {
    return failure.isCancel && failure.cause === 'cancellation'
        ? execution_messages_say.notRunCancelled
        : execution_messages_say.notRunAfter(failure.cause);
}
/** A phase's steps around its pipeline: the per-target steps stand together (the schema says so). */
function splitPipeline(steps) {
    const first = steps.findIndex(step => step.isPerTarget);
    if (first < 0)
        return { before: steps, pipeline: [], after: [] };
    let end = first;
    while (steps[end]?.isPerTarget)
        end++;
    return {
        before: steps.slice(0, first),
        pipeline: steps.slice(first, end),
        after: steps.slice(end)
    };
}
/**
 * What the run's rollback undoes: every step that ran, less the per-target steps of targets already
 * undone on their own (a failure within max-failed-targets).
 */
function execute_stillDeployed(executed, steps, targets) {
    const undone = new Set((targets ?? []).filter(item => item.status === 'undone').map(item => item.target));
    return executed.filter(record => !(steps.get(record.id)?.isPerTarget &&
        record.target !== undefined &&
        undone.has(record.target)));
}

;// CONCATENATED MODULE: ./src/execution/baseline.ts




/** The checks whose baselines a run measures, one per distinct command (baselineKeyOf). */
function baselineChecks(runPlan) {
    const seen = new Set();
    const checks = [];
    for (const check of runPlan.phases.flatMap(phase => phase.health)) {
        const key = baselineKeyOf(check);
        if (key === undefined || seen.has(key))
            continue;
        seen.add(key);
        checks.push(check);
    }
    return checks;
}
async function measureBaselines(input, deps) {
    const { runPlan } = input;
    const url = initialUrlOf(runPlan.environmentUrl, { ...input.job, ...runPlan.variables }).value;
    const env = stepEnvironment({
        job: input.job,
        variables: runPlan.variables,
        stepEnv: {},
        deployment: input.deployment,
        url,
        outputFile: '/dev/null'
    });
    const records = [];
    const values = new Map();
    for (const check of baselineChecks(runPlan)) {
        const measured = await measureOne(check, env, input.root, deps);
        records.push(measured.record);
        if (measured.kind === 'cancelled')
            return { kind: 'cancelled', records };
        const key = baselineKeyOf(check) ?? '';
        if (measured.kind === 'measured') {
            values.set(key, measured.value);
            continue;
        }
        if (check.metric.baseline.isRequired)
            return { kind: 'unmeasurable', records, check, sample: measured.sample };
        values.set(key, undefined);
        deps.log.warning(execution_messages_say.metric.baselineOff(check.name, describeSample(measured.sample, {}, check.timeoutMs)));
    }
    return { kind: 'measured', records, values };
}
async function measureOne(check, env, root, deps) {
    const { samples: wanted, isRequired } = check.metric.baseline;
    const startedAt = deps.clock.now();
    const samples = [];
    const record = (value) => ({
        check: check.name,
        startedAt: new Date(startedAt).toISOString(),
        durationMs: Math.max(0, deps.clock.now() - startedAt),
        samples: [...samples],
        ...(value === undefined ? {} : { value: formatMetric(value) }),
        isRequired
    });
    const numbers = [];
    for (let n = 1; n <= wanted; n++) {
        if (n > 1)
            await deps.clock.sleep(check.intervalMs, deps.signal);
        if (deps.signal?.aborted)
            return { kind: 'cancelled', record: record() };
        const result = await deps.runner.run({
            script: check.run,
            cwd: root,
            env,
            timeoutMs: check.timeoutMs,
            onOutput: () => undefined,
            tailBytes: 4096,
            stdoutTailBytes: 4096,
            ...(deps.signal ? { signal: deps.signal } : {})
        });
        if (result.status === 'cancelled' || deps.signal?.aborted)
            return { kind: 'cancelled', record: record() };
        const sample = { n, ...readMetric(result, deps.log.redact) };
        samples.push(sample);
        const value = sample.value === undefined ? undefined : parseMetricValue(sample.value);
        const label = execution_messages_say.metric.sampleLabel(n, wanted);
        if (value === undefined) {
            deps.log.error(execution_messages_say.metric.sampleLine(label, describeSample(sample, {}, check.timeoutMs)));
            return { kind: 'unmeasurable', record: record(), sample };
        }
        deps.log.info(execution_messages_say.metric.sampleLine(label, verbatim(sample.value ?? '')));
        numbers.push(value);
    }
    const value = median(numbers);
    const increase = check.metric.baseline.maxIncrease;
    const decrease = check.metric.baseline.maxDecrease;
    deps.log.info(execution_messages_say.metric.baselineMeasured(check.name, formatMetric(value), wanted));
    if (value === 0 && (increase?.kind === 'percent' || decrease?.kind === 'percent'))
        deps.log.warning(execution_messages_say.metric.baselineZero(check.name));
    return { kind: 'measured', record: record(value), value };
}

;// CONCATENATED MODULE: ./src/plan/deployment.ts
/**
 * The deployment being made: built once, right after pre-flight, from the proposal, the plan and
 * the run's commit. The step environment, the GitHub deployment request, the journal and the report
 * are all derived from this one value; nothing copies its fields into a structure of its own.
 */
/**
 * deploy: the steps, then the health checks. canary: the canary phase first, then the promotion.
 * rollback: the plan's rollback steps on demand, putting back an earlier version, then the checks.
 */
const MODES = ['deploy', 'canary', 'rollback'];
/** The `version` input, else the tag for a tag ref, else the 7-character SHA. */
function versionOf(input, sha, ref) {
    if (input !== undefined)
        return input;
    if (ref?.startsWith('refs/tags/'))
        return ref.slice('refs/tags/'.length);
    return sha ? sha.slice(0, 7) : 'local';
}

;// CONCATENATED MODULE: ./src/openlogos/layout.ts
/** Where things are in an OpenLogos project, and the names of its marker files (openlogos.md). */
/** Paths inside an OpenLogos project, relative to its root. */
const OPENLOGOS = {
    logosDir: 'logos',
    guardFile: 'logos/.openlogos-guard',
    configFile: 'logos/logos.config.json',
    projectFile: 'logos/logos-project.yaml',
    changesDir: 'logos/changes',
    archiveDirName: 'archive',
    planDir: 'logos/resources/prd/3-technical-plan/3-deployment',
    /** A proposal's own copy of a changed plan, relative to the proposal folder. */
    planDeltaDir: 'deltas/prd/3-technical-plan/3-deployment',
    smokeDir: 'logos/resources/test/smoke',
    defaultReportPath: 'logos/resources/verify/deployment-report.md',
    defaultModule: 'core',
    changeBranchPrefix: 'change/'
};
const MARKER = {
    verifyPass: 'VERIFY_PASS',
    verifyFail: 'VERIFY_FAIL',
    deployDone: 'DEPLOY_DONE',
    smokePass: 'SMOKE_PASS',
    smokeFail: 'SMOKE_FAIL',
    specMerged: 'SPEC_MERGED',
    legacyMerged: 'MERGED'
};

;// CONCATENATED MODULE: ./src/core/files.ts
/**
 * The project's small files, read synchronously. Pre-flight reads a few dozen of them (markers,
 * tasks, proposal, guard, config, plan) before anything runs; through fs.promises each read is
 * several round trips to libuv's thread pool, together about 4 ms of the start-up for files of a
 * few hundred bytes. Nothing else runs meanwhile, so nothing waits on them.
 */

/** The file itself (a link is not followed); undefined when it cannot be looked at. */
function lstatOf(file) {
    try {
        return (0,external_node_fs_namespaceObject.lstatSync)(file);
    }
    catch {
        return undefined;
    }
}
/** What the path leads to (links followed); undefined when it cannot be looked at. */
function statOf(file) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(file);
    }
    catch {
        return undefined;
    }
}
/** The names in a folder; none when it cannot be read. */
function namesIn(folder) {
    try {
        return (0,external_node_fs_namespaceObject.readdirSync)(folder);
    }
    catch {
        return [];
    }
}
/** Every entry under a folder, at any depth; none when it cannot be read. */
function entriesUnder(folder) {
    try {
        return (0,external_node_fs_namespaceObject.readdirSync)(folder, { recursive: true, withFileTypes: true });
    }
    catch {
        return [];
    }
}
/**
 * A project file's text, read only when it is a regular file (a link is not followed): a FIFO or a
 * device is never opened, since reading one would block the run for good, signals and all.
 */
function readRegular(file) {
    const stat = lstatOf(file);
    if (!stat)
        return { kind: 'absent' };
    if (!stat.isFile())
        return { kind: 'not-a-file' };
    try {
        return { kind: 'text', text: (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8') };
    }
    catch {
        return { kind: 'absent' };
    }
}

;// CONCATENATED MODULE: ./src/openlogos/messages.ts
/**
 * What the OpenLogos stage says: whether the proposal is found and ready (verification, the
 * deployment decision, tasks, merged deltas, repeat runs, the files a run writes), the verify gate
 * of a flow overlay, the project's settings files, and the markers a deployment leaves.
 */

const openlogos_messages_en = {
    proposalTitle: 'the proposal is found',
    foundByGuard: (folder, guard) => `${folder} (from ${guard})`,
    foundByGuardAndInput: (folder, guard) => `${folder} (from ${guard}, as the proposal input says)`,
    notNeededForRollback: (problem) => `${problem.en}; a rollback does not need one, and is recorded without it`,
    initialisedTitle: 'the OpenLogos project is initialised',
    notInitialised: (file) => `${file} is missing (OpenLogos answers PROJECT_NOT_INITIALIZED): this folder is not the root of an OpenLogos project`,
    notInitialisedFix: 'run the action with working-directory set to the folder holding logos/, or run openlogos init there',
    settingsTitle: 'project settings are readable',
    settingsFix: 'fix the file named above',
    configNotJson: (file) => `${file} is not valid JSON: fix the file (an object such as {"name": "site", "locale": "en"})`,
    projectFileInvalid: (file, keyPath, problem) => `${file}: ${keyPath}: ${problem}: fix the file`,
    projectFileNotYaml: (file, reason) => `${file} is not valid YAML (${reason}): fix the file`,
    notARegularFile: (file) => `${file} is not a regular file (a folder, a link, a FIFO or a device) and was not read: make it a plain file`,
    verifyTitle: 'verification passed (VERIFY_PASS, no VERIFY_FAIL)',
    markerNotAFile: (file) => `${file} is not a regular file (a folder or a symbolic link)`,
    markerNotAFileFix: 'markers are empty files: remove it and run openlogos verify again',
    plainFileFix: (file) => `put the plain file back in its place (git checkout -- ${file}), then run the deployment again`,
    verifyFailPresent: (file) => `${file} is present: the last acceptance verification failed`,
    verifyFailFix: 'fix the failures and run openlogos verify until it writes VERIFY_PASS',
    verifyPassMissing: (file) => `${file} is missing: the proposal has not passed verification`,
    verifyPassFix: 'run openlogos verify; it writes VERIFY_PASS when acceptance passes',
    verifyPassed: (pass, fail) => `${pass} present, no ${fail}`,
    requiredTitle: 'deployment is required and decided consistently',
    invalidAnswer: (file, line, answer) => `${file} line ${line} answers '${answer}' to whether deployment is required`,
    invalidAnswerFix: "answer exactly 是 or 否 (Chinese template) or yes or no ('- Deployment required: yes')",
    conflictYes: (file, line) => `decision conflict: ${file} line ${line} says deployment is required, but tasks.md has no [deploy] section`,
    conflictYesFix: 'add a ## [deploy] section with the deployment tasks to tasks.md, or change the proposal to say no deployment is required',
    conflictNo: (file, line) => `decision conflict: ${file} line ${line} says no deployment is required, but tasks.md has a [deploy] section`,
    conflictNoFix: 'make the proposal and tasks.md agree: answer yes in the proposal, or remove the [deploy] section',
    saysNotRequired: (file, line) => `${file} line ${line} says no deployment is required`,
    saysNotRequiredFix: 'nothing to deploy for this proposal; if that is wrong, answer yes and add [deploy] tasks',
    saysYes: (file, line) => `${file} line ${line} says yes`,
    hasDeployTasks: (count) => `tasks.md has ${count} [deploy] task(s)`,
    nothingSaysRequired: 'nothing says a deployment is required: proposal.md has no deployment impact answer and tasks.md no [deploy] tasks (OpenLogos answers DEPLOYMENT_NOT_REQUIRED; logos-project.yaml can only say a deployment is not required)',
    nothingSaysRequiredFix: "add '## 部署影响' with '- 是否需要部署：是' to proposal.md and a ## [deploy] section with tasks to tasks.md",
    codeTasksTitle: 'every [code] task is done',
    deployTasksTitle: 'tasks.md lists [deploy] tasks',
    fileMissing: (file) => `${file} is missing`,
    writeTasksFix: 'write tasks.md with a ## [code] and a ## [deploy] section (openlogos change creates it)',
    splitLegacyFix: 'split tasks.md into ## [code] and ## [deploy] sections (legacy files have no [tag] headings)',
    openInLegacy: (open) => `${open.en} in the legacy (untagged) tasks.md`,
    finishThemFix: 'finish them first',
    legacyAllDone: 'every checkbox of the legacy tasks.md is done',
    legacyNoDeploy: (file) => `${file} has no ## [tag] sections (legacy layout), so no [deploy] tasks`,
    openUnderCode: (open, file) => `${open.en} under [code] in ${file}`,
    finishCodeFix: 'finish the code tasks (and verify again) before deploying',
    codeTasksDone: (count) => `${count} [code] task(s) done`,
    noCodeSection: 'no [code] section',
    deployTaskCount: (count) => `${count} [deploy] task(s)`,
    emptyDeploySection: (file) => `the [deploy] section of ${file} has no tasks`,
    noDeploySection: (file) => `${file} has no ## [deploy] section`,
    addDeployTasksFix: "add the deployment tasks as '- [ ] ...' lines under '## [deploy]'",
    openTasks: (count, shown, more) => `${count} open task(s) (${shown.en}${more > 0 ? ` and ${more} more` : ''})`,
    taskAt: (line, text) => `line ${line} '${text}'`,
    specMergedTitle: "the proposal's plan changes are merged (SPEC_MERGED)",
    deltasMerged: (count) => `${count} plan delta(s), merged`,
    deltasNotMerged: (deltas, marker) => `the proposal changes the deployment plan (${deltas.en}) but has no ${marker} marker`,
    deltasNotMergedFix: 'merge the proposal deltas into logos/resources/ (which writes SPEC_MERGED), so the plan that runs is the reviewed one',
    repeatTitle: 'the proposal is not deployed already (DEPLOY_DONE)',
    markerNotAFileRemoveFix: 'markers are empty files: remove it',
    deployedBefore: (marker) => `${marker} is present: this proposal was deployed before`,
    redeploying: (detail) => `${detail.en}; deploying it again (redeploy: true)`,
    redeployingFix: 'nothing to do: this run is a redeployment',
    deployedBeforeFix: 'set redeploy: true to deploy it again, or open a new proposal for the new change',
    halfRecorded: (report, proposal, environment, at, marker) => `the newest entry of ${report} records a successful deployment of ${proposal} to ${environment} (${at}), but ${marker} is missing: that run stopped between writing the report and the markers`,
    halfRecordedFix: 'run openlogos deploy-done to finish recording that deployment, or set redeploy: true to deploy again',
    notDeployedYet: (marker) => `no ${marker} yet`,
    filesTitle: 'the files the run writes stay inside the project',
    gateTitle: 'verification passed (the verify gate of the OpenLogos flow)',
    overlayFix: 'correct the overlay as the message says, or remove it',
    markerPresent: (file) => `${file} is present`,
    markerAbsent: (file) => `${file} is absent`,
    commandPending: (command, source) => `\`cmd: ${command}\` (${source}): a real run evaluates it`,
    commandResult: (command, result) => `\`cmd: ${command}\` ${result.en}`,
    commandTimedOut: 'timed out',
    commandUnfinished: (status) => `did not finish (${status})`,
    commandExited: (code) => `exited with ${code}`,
    gateFix: 'run openlogos verify (or the gate the flow overlay names) until the proposal passes',
    failWhenPending: (pending) => `fail_when ${pending.en}`,
    failWhenMet: (detail) => `fail_when is met: ${detail.en}`,
    doneWhenPending: (pending) => `done_when ${pending.en}`,
    doneWhenMet: (detail) => `done_when is met: ${detail.en}`,
    doneWhenNotMet: (detail) => `done_when is not met: ${detail.en}`,
    flowInvalid: (file, reason) => `${file} is not a flow OpenLogos accepts (FLOW_SCHEMA_INVALID): ${reason.en}`,
    flow: {
        yaml: (name) => `the YAML does not parse (${name})`,
        notMapping: 'its top level must be a mapping',
        overlayNotList: 'overlay must be a list of operations',
        opNotMapping: (where) => `${where} is not a mapping`,
        unknownOp: (where, op, ops) => `${where} op '${op}' is not one of ${ops.en}`,
        unknownTarget: (where, op, target) => `${where} ${op} targets '${target}', which is not a node of the flow`,
        skipsVerify: (where) => `${where} skips verify: nothing would say whether verification passed`,
        emptySet: (where) => `${where} modify needs a non-empty set`,
        changesId: (where) => `${where} modify may not change a node's id`,
        bothCommands: 'verify may not set both done_when and fail_when to cmd:',
        loopOn: 'a cmd: verify gate needs the implement loop off: add `- op: set-loop`, `subflow: implement`, `set: { max_iters: 1 }`',
        ownTimeout: 'verify.cmd_timeout_seconds must be a whole number ≥ 1',
        projectTimeout: (file) => `${file} flow.cmd_timeout_seconds must be a whole number ≥ 1`,
        notPredicate: (field) => `verify.${field} must be a marker: or cmd: predicate`,
        emptyCommand: (field) => `verify.${field} has an empty cmd: command`,
        badPredicate: (field, value) => `verify.${field} must be a marker: or cmd: predicate, not '${value}'`,
        extendsNotString: 'extends must be a string such as builtin:launched',
        extendsForm: (value) => `extends '${value}' is not of the form builtin:launched`,
        extendsOther: (value) => `extends '${value}' is not the launched flow`
    },
    locator: {
        noActive: (guard) => `no active proposal: ${guard} is missing or names none (OpenLogos answers NO_ACTIVE_CHANGE)`,
        noActiveFix: (guard) => `make the proposal active with openlogos change <slug>, and commit ${guard} with it`,
        notActive: (wanted, guard, active) => `the proposal input '${wanted}' is not the active proposal: ${guard} names '${active}', and OpenLogos would go on reporting '${active}' as ready to deploy`,
        notActiveFix: (active, wanted) => `deploy '${active}' (leave the proposal input empty), or make '${wanted}' the active proposal first`,
        guardFix: (guard) => `fix or delete ${guard} (it should read {"activeChange":"<slug>"}), or set the proposal input`,
        guardNotJson: (guard) => `${guard} is not JSON`,
        guardNotFile: (guard) => `${guard} is not a regular file (a folder, a link, a FIFO or a device) and was not read`,
        guardNotObject: (guard) => `${guard} is not a JSON object`,
        guardNotString: (guard) => `${guard} field activeChange is not a string`,
        badSlug: (slug, origin, problem, changes) => `proposal '${slug}' from ${origin} ${problem.en}: a proposal is a plain folder name under ${changes}/`,
        badSlugFix: (changes) => `name the proposal by its folder, e.g. 'add-login' for ${changes}/add-login/`,
        slugLink: (slug, origin, changes) => `proposal '${slug}' from ${origin} is a symbolic link (${changes}/${slug}): the action writes its markers only inside the project`,
        slugLinkFix: 'make the proposal a folder of the project, not a link',
        archived: (slug, origin, folder) => `proposal '${slug}' from ${origin} is archived (${folder}): archived proposals are never deployed`,
        archivedFix: 'deploy an open proposal, or point the guard at the active one',
        missing: (slug, origin, changes) => `proposal '${slug}' from ${origin} does not exist: there is no folder ${changes}/${slug}/`,
        missingFix: (changes) => `check the spelling (open proposals: see ${changes}/), or set the proposal input`
    },
    slug: {
        empty: 'is empty',
        separator: 'contains a path separator',
        dots: "contains '..'",
        dot: "starts with '.'",
        archive: 'names the archive folder',
        control: 'contains a control character'
    },
    proposalFolderGone: (folder) => `${folder} is no longer a folder (a step removed or replaced it), so DEPLOY_DONE was not written and no task was ticked: restore the proposal from git, then run openlogos deploy-done`,
    tasksTicked: (file) => `${file}: [deploy] tasks ticked`,
    markerWritten: (file) => `${file} written`,
    markerRemoved: (file) => `${file} removed (a new deployment needs a new smoke test)`
};
const openlogos_messages_zh = {
    proposalTitle: '已找到提案',
    foundByGuard: (folder, guard) => `${folder}（来自 ${guard}）`,
    foundByGuardAndInput: (folder, guard) => `${folder}（来自 ${guard}，与 proposal 输入一致）`,
    notNeededForRollback: problem => `${problem.zh}；回滚不需要提案，将在没有提案的情况下记录`,
    initialisedTitle: 'OpenLogos 项目已初始化',
    notInitialised: file => `缺少 ${file}（OpenLogos 返回 PROJECT_NOT_INITIALIZED）：该文件夹不是 OpenLogos 项目的根目录`,
    notInitialisedFix: '把 working-directory 设为包含 logos/ 的文件夹后再运行，或在那里运行 openlogos init',
    settingsTitle: '项目设置可以读取',
    settingsFix: '修正上面指出的文件',
    configNotJson: file => `${file} 不是有效的 JSON：请修正该文件（应为对象，例如 {"name": "site", "locale": "zh"}）`,
    projectFileInvalid: (file, keyPath, problem) => `${file}：${keyPath}：${problem}：请修正该文件`,
    projectFileNotYaml: (file, reason) => `${file} 不是有效的 YAML（${reason}）：请修正该文件`,
    notARegularFile: file => `${file} 不是普通文件（而是文件夹、链接、FIFO 或设备），未读取：请把它改为普通文件`,
    verifyTitle: '验收已通过（有 VERIFY_PASS，无 VERIFY_FAIL）',
    markerNotAFile: file => `${file} 不是普通文件（是文件夹或符号链接）`,
    markerNotAFileFix: '标记是空文件：删除它，然后重新运行 openlogos verify',
    plainFileFix: file => `把普通文件放回原处（git checkout -- ${file}），然后重新部署`,
    verifyFailPresent: file => `${file} 存在：最近一次验收未通过`,
    verifyFailFix: '修复失败项并运行 openlogos verify，直到它写入 VERIFY_PASS',
    verifyPassMissing: file => `缺少 ${file}：该提案尚未通过验收`,
    verifyPassFix: '运行 openlogos verify；验收通过时它会写入 VERIFY_PASS',
    verifyPassed: (pass, fail) => `有 ${pass}，无 ${fail}`,
    requiredTitle: '需要部署，且各处的决定一致',
    invalidAnswer: (file, line, answer) => `${file} 第 ${line} 行对“是否需要部署”的回答是「${answer}」`,
    invalidAnswerFix: '只回答 是 或 否（中文模板），或 yes 或 no（「- Deployment required: yes」）',
    conflictYes: (file, line) => `决定冲突：${file} 第 ${line} 行说需要部署，但 tasks.md 没有 [deploy] 部分`,
    conflictYesFix: '在 tasks.md 中添加列有部署任务的 ## [deploy] 部分，或把提案改为不需要部署',
    conflictNo: (file, line) => `决定冲突：${file} 第 ${line} 行说不需要部署，但 tasks.md 有 [deploy] 部分`,
    conflictNoFix: '让提案与 tasks.md 一致：在提案中回答“是”，或删除 [deploy] 部分',
    saysNotRequired: (file, line) => `${file} 第 ${line} 行说不需要部署`,
    saysNotRequiredFix: '该提案无需部署；如果这不对，请回答“是”并添加 [deploy] 任务',
    saysYes: (file, line) => `${file} 第 ${line} 行回答“是”`,
    hasDeployTasks: count => `tasks.md 有 ${count} 项 [deploy] 任务`,
    nothingSaysRequired: '没有任何地方说需要部署：proposal.md 没有“部署影响”的回答，tasks.md 也没有 [deploy] 任务（OpenLogos 返回 DEPLOYMENT_NOT_REQUIRED；logos-project.yaml 只能说不需要部署）',
    nothingSaysRequiredFix: '在 proposal.md 中添加「## 部署影响」和「- 是否需要部署：是」，并在 tasks.md 中添加列有任务的 ## [deploy] 部分',
    codeTasksTitle: '所有 [code] 任务均已完成',
    deployTasksTitle: 'tasks.md 列有 [deploy] 任务',
    fileMissing: file => `缺少 ${file}`,
    writeTasksFix: '编写含 ## [code] 和 ## [deploy] 两部分的 tasks.md（openlogos change 会创建它）',
    splitLegacyFix: '把 tasks.md 分成 ## [code] 和 ## [deploy] 两部分（旧格式的文件没有 [tag] 标题）',
    openInLegacy: open => `旧格式（无标签）的 tasks.md 中有 ${open.zh}`,
    finishThemFix: '先完成这些任务',
    legacyAllDone: '旧格式 tasks.md 的所有复选框均已勾选',
    legacyNoDeploy: file => `${file} 没有 ## [tag] 部分（旧格式），因此没有 [deploy] 任务`,
    openUnderCode: (open, file) => `${file} 的 [code] 部分有 ${open.zh}`,
    finishCodeFix: '部署前先完成代码任务（并重新验收）',
    codeTasksDone: count => `${count} 项 [code] 任务已完成`,
    noCodeSection: '没有 [code] 部分',
    deployTaskCount: count => `${count} 项 [deploy] 任务`,
    emptyDeploySection: file => `${file} 的 [deploy] 部分没有任务`,
    noDeploySection: file => `${file} 没有 ## [deploy] 部分`,
    addDeployTasksFix: '在「## [deploy]」下以「- [ ] ...」行添加部署任务',
    openTasks: (count, shown, more) => `${count} 项未完成的任务（${shown.zh}${more > 0 ? `，另有 ${more} 项` : ''}）`,
    taskAt: (line, text) => `第 ${line} 行「${text}」`,
    specMergedTitle: '提案对部署方案的修改已合并（SPEC_MERGED）',
    deltasMerged: count => `${count} 个方案增量，已合并`,
    deltasNotMerged: (deltas, marker) => `该提案修改了部署方案（${deltas.zh}），但没有 ${marker} 标记`,
    deltasNotMergedFix: '把提案的增量合并到 logos/resources/（这会写入 SPEC_MERGED），使运行的方案就是评审过的方案',
    repeatTitle: '该提案尚未部署过（无 DEPLOY_DONE）',
    markerNotAFileRemoveFix: '标记是空文件：删除它',
    deployedBefore: marker => `${marker} 存在：该提案之前已经部署过`,
    redeploying: detail => `${detail.zh}；将再次部署（redeploy: true）`,
    redeployingFix: '无需处理：本次运行是重新部署',
    deployedBeforeFix: '设置 redeploy: true 以再次部署，或为新的变更开启新的提案',
    halfRecorded: (report, proposal, environment, at, marker) => `${report} 最新的条目记录了 ${proposal} 成功部署到 ${environment}（${at}），但缺少 ${marker}：那次运行在写入报告与写入标记之间停止了`,
    halfRecordedFix: '运行 openlogos deploy-done 完成那次部署的记录，或设置 redeploy: true 重新部署',
    notDeployedYet: marker => `尚无 ${marker}`,
    filesTitle: '运行写入的文件都在项目之内',
    gateTitle: '验收已通过（OpenLogos 流程的验收关卡）',
    overlayFix: '按提示修正流程覆盖配置，或删除它',
    markerPresent: file => `${file} 存在`,
    markerAbsent: file => `${file} 不存在`,
    commandPending: (command, source) => `\`cmd: ${command}\`（${source}）：正式运行时才会执行`,
    commandResult: (command, result) => `\`cmd: ${command}\` ${result.zh}`,
    commandTimedOut: '超时',
    commandUnfinished: status => `未结束（${status}）`,
    commandExited: code => `退出码为 ${code}`,
    gateFix: '运行 openlogos verify（或流程覆盖配置指定的关卡），直到提案通过',
    failWhenPending: pending => `fail_when ${pending.zh}`,
    failWhenMet: detail => `fail_when 已满足：${detail.zh}`,
    doneWhenPending: pending => `done_when ${pending.zh}`,
    doneWhenMet: detail => `done_when 已满足：${detail.zh}`,
    doneWhenNotMet: detail => `done_when 未满足：${detail.zh}`,
    flowInvalid: (file, reason) => `${file} 不是 OpenLogos 接受的流程（FLOW_SCHEMA_INVALID）：${reason.zh}`,
    flow: {
        yaml: name => `YAML 无法解析（${name}）`,
        notMapping: '顶层必须是映射',
        overlayNotList: 'overlay 必须是操作列表',
        opNotMapping: where => `${where} 不是映射`,
        unknownOp: (where, op, ops) => `${where} 的 op「${op}」不是 ${ops.zh} 之一`,
        unknownTarget: (where, op, target) => `${where} 的 ${op} 指向「${target}」，它不是流程中的节点`,
        skipsVerify: where => `${where} 跳过了 verify：将没有任何东西说明验收是否通过`,
        emptySet: where => `${where} 的 modify 需要非空的 set`,
        changesId: where => `${where} 的 modify 不能修改节点的 id`,
        bothCommands: 'verify 不能把 done_when 和 fail_when 都设为 cmd:',
        loopOn: 'cmd: 验收关卡需要关闭 implement 循环：添加 `- op: set-loop`、`subflow: implement`、`set: { max_iters: 1 }`',
        ownTimeout: 'verify.cmd_timeout_seconds 必须是不小于 1 的整数',
        projectTimeout: file => `${file} 的 flow.cmd_timeout_seconds 必须是不小于 1 的整数`,
        notPredicate: field => `verify.${field} 必须是 marker: 或 cmd: 谓词`,
        emptyCommand: field => `verify.${field} 的 cmd: 命令为空`,
        badPredicate: (field, value) => `verify.${field} 必须是 marker: 或 cmd: 谓词，而不是「${value}」`,
        extendsNotString: 'extends 必须是字符串，例如 builtin:launched',
        extendsForm: value => `extends「${value}」不是 builtin:launched 的形式`,
        extendsOther: value => `extends「${value}」不是 launched 流程`
    },
    locator: {
        noActive: guard => `没有活动的提案：${guard} 不存在或未指定提案（OpenLogos 返回 NO_ACTIVE_CHANGE）`,
        noActiveFix: guard => `用 openlogos change <slug> 激活提案，并把 ${guard} 一起提交`,
        notActive: (wanted, guard, active) => `proposal 输入「${wanted}」不是活动的提案：${guard} 指定的是「${active}」，OpenLogos 会继续报告「${active}」待部署`,
        notActiveFix: (active, wanted) => `部署「${active}」（让 proposal 输入留空），或先把「${wanted}」设为活动的提案`,
        guardFix: guard => `修正或删除 ${guard}（内容应为 {"activeChange":"<slug>"}），或设置 proposal 输入`,
        guardNotJson: guard => `${guard} 不是 JSON`,
        guardNotFile: guard => `${guard} 不是普通文件（而是文件夹、链接、FIFO 或设备），未读取`,
        guardNotObject: guard => `${guard} 不是 JSON 对象`,
        guardNotString: guard => `${guard} 的 activeChange 字段不是字符串`,
        badSlug: (slug, origin, problem, changes) => `来自 ${origin} 的提案「${slug}」${problem.zh}：提案是 ${changes}/ 下的普通文件夹名`,
        badSlugFix: changes => `用文件夹名指定提案，例如 ${changes}/add-login/ 对应「add-login」`,
        slugLink: (slug, origin, changes) => `来自 ${origin} 的提案「${slug}」是符号链接（${changes}/${slug}）：本 action 只在项目之内写入标记`,
        slugLinkFix: '让提案成为项目中的文件夹，而不是链接',
        archived: (slug, origin, folder) => `来自 ${origin} 的提案「${slug}」已归档（${folder}）：已归档的提案永远不会部署`,
        archivedFix: '部署一个未归档的提案，或让 guard 指向活动的提案',
        missing: (slug, origin, changes) => `来自 ${origin} 的提案「${slug}」不存在：没有文件夹 ${changes}/${slug}/`,
        missingFix: changes => `检查拼写（未归档的提案见 ${changes}/），或设置 proposal 输入`
    },
    slug: {
        empty: '为空',
        separator: '包含路径分隔符',
        dots: '包含「..」',
        dot: '以「.」开头',
        archive: '是归档文件夹的名字',
        control: '包含控制字符'
    },
    proposalFolderGone: folder => `${folder} 已不再是文件夹（某个步骤删除或替换了它），因此没有写入 DEPLOY_DONE，也没有勾选任务：请从 git 恢复提案，然后运行 openlogos deploy-done`,
    tasksTicked: file => `${file}：[deploy] 任务已勾选`,
    markerWritten: file => `已写入 ${file}`,
    markerRemoved: file => `已删除 ${file}（新的部署需要新的冒烟测试）`
};
const openlogos_messages_CATALOGUE = { en: openlogos_messages_en, zh: openlogos_messages_zh };
const openlogos_messages_say = speakerOf(openlogos_messages_CATALOGUE);

;// CONCATENATED MODULE: ./src/openlogos/locator.ts
/**
 * Which OpenLogos proposal is being deployed: the active one, `activeChange` of
 * `logos/.openlogos-guard`, as for every OpenLogos command (a deployment of any other proposal
 * would be invisible to `openlogos status`). The `proposal` input may only confirm it. The folder
 * `changes/archive/` is never a candidate.
 */




/** Why a text is not a plain folder name, or undefined when it is one. */
function slugProblem(slug) {
    if (slug === '')
        return openlogos_messages_say.slug.empty;
    if (/[/\\]/.test(slug))
        return openlogos_messages_say.slug.separator;
    if (slug.includes('..'))
        return openlogos_messages_say.slug.dots;
    if (slug.startsWith('.'))
        return openlogos_messages_say.slug.dot;
    if (slug === OPENLOGOS.archiveDirName)
        return openlogos_messages_say.slug.archive;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(slug))
        return openlogos_messages_say.slug.control;
    return undefined;
}
function locateProposal(input) {
    const changes = external_node_path_default().join(input.root, OPENLOGOS.changesDir);
    const guard = readGuard(input.root);
    if (guard.kind === 'invalid')
        return guard.location;
    if (guard.kind === 'absent') {
        return {
            kind: 'not-found',
            problem: openlogos_messages_say.locator.noActive(OPENLOGOS.guardFile),
            fix: openlogos_messages_say.locator.noActiveFix(OPENLOGOS.guardFile)
        };
    }
    const wanted = input.proposalInput?.trim();
    if (wanted !== undefined && wanted !== guard.slug) {
        return {
            kind: 'not-found',
            problem: openlogos_messages_say.locator.notActive(wanted, OPENLOGOS.guardFile, guard.slug),
            fix: openlogos_messages_say.locator.notActiveFix(guard.slug, wanted)
        };
    }
    const found = checkCandidate(changes, guard.slug, wanted === undefined ? 'guard' : 'guard-and-input', OPENLOGOS.guardFile);
    return found.kind === 'found' && guard.module ? { ...found, guardModule: guard.module } : found;
}
function readGuard(root) {
    const read = readRegular(external_node_path_default().join(root, OPENLOGOS.guardFile));
    const fix = openlogos_messages_say.locator.guardFix(OPENLOGOS.guardFile);
    if (read.kind === 'absent')
        return { kind: 'absent' };
    if (read.kind === 'not-a-file') {
        const problem = openlogos_messages_say.locator.guardNotFile(OPENLOGOS.guardFile);
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    const { text } = read;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        // The parser's message quotes the file's text: never copy a file's bytes into a report.
        const problem = openlogos_messages_say.locator.guardNotJson(OPENLOGOS.guardFile);
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        const problem = openlogos_messages_say.locator.guardNotObject(OPENLOGOS.guardFile);
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    const record = data;
    const raw = record['activeChange'];
    // openlogos deploy-done trims it; an empty one means no active proposal.
    const active = typeof raw === 'string' ? raw.trim() : raw;
    if (active === undefined || active === null || active === '')
        return { kind: 'absent' };
    if (typeof active !== 'string') {
        const problem = openlogos_messages_say.locator.guardNotString(OPENLOGOS.guardFile);
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    const module = typeof record['module'] === 'string' ? record['module'] : undefined;
    return module ? { kind: 'active', slug: active, module } : { kind: 'active', slug: active };
}
function checkCandidate(changes, slug, source, origin) {
    const problem = slugProblem(slug);
    if (problem !== undefined) {
        return {
            kind: 'not-found',
            problem: openlogos_messages_say.locator.badSlug(slug, origin, problem, OPENLOGOS.changesDir),
            fix: openlogos_messages_say.locator.badSlugFix(OPENLOGOS.changesDir)
        };
    }
    const stat = lstatOf(external_node_path_default().join(changes, slug));
    if (stat?.isDirectory())
        return { kind: 'found', slug, source };
    if (stat?.isSymbolicLink())
        return {
            kind: 'not-found',
            problem: openlogos_messages_say.locator.slugLink(slug, origin, OPENLOGOS.changesDir),
            fix: openlogos_messages_say.locator.slugLinkFix
        };
    const archived = archivedAs(changes, slug);
    if (archived) {
        return {
            kind: 'not-found',
            problem: openlogos_messages_say.locator.archived(slug, origin, `${OPENLOGOS.changesDir}/${OPENLOGOS.archiveDirName}/${archived}`),
            fix: openlogos_messages_say.locator.archivedFix
        };
    }
    return {
        kind: 'not-found',
        problem: openlogos_messages_say.locator.missing(slug, origin, OPENLOGOS.changesDir),
        fix: openlogos_messages_say.locator.missingFix(OPENLOGOS.changesDir)
    };
}
function archivedAs(changes, slug) {
    const names = namesIn(external_node_path_default().join(changes, OPENLOGOS.archiveDirName));
    return names.find(name => name === slug || name.endsWith(`-${slug}`));
}

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __nccwpck_require__(3243);
;// CONCATENATED MODULE: ./node_modules/zod/v4/core/checks.js
// import { $ZodType } from "./schemas.js";



const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for size-based checks: run only on non-nullish values with a `size`. */
const _whenHasSize = (payload) => {
    const val = payload.value;
    return !util.nullish(val) && val.size !== undefined;
};
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !nullish(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ $constructor("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : util.floatSafeRemainder(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckBigIntFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    const [minimum, maximum] = util.BIGINT_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (input < minimum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_small",
                minimum: minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodCheckMaxSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size <= def.maximum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMinSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size >= def.minimum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckSizeEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckSizeEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size === def.size)
            return;
        const tooBig = size > def.size;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            ...(tooBig ? { code: "too_big", maximum: def.size } : { code: "too_small", minimum: def.size }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMaxLength = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? util.codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = util.getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? codePointLength(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? util.codePointLength(input)
            : units;
        if (length === def.length)
            return;
        const origin = util.getLengthableOrigin(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckStringFormat = /*@__PURE__*/ $constructor("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ $constructor("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.lowercase);
    $ZodCheckStringFormat.init(inst, def);
})));
const $ZodCheckUpperCase = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.uppercase);
    $ZodCheckStringFormat.init(inst, def);
})));
const $ZodCheckIncludes = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = util.escapeRegex(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckStartsWith = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${util.escapeRegex(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckEndsWith = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${util.escapeRegex(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(...util.prefixIssues(property, result.issues));
    }
}
const $ZodCheckProperty = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperty", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        const result = def.schema._zod.run({
            value: payload.value[def.property],
            issues: [],
        }, {});
        if (result instanceof Promise) {
            return result.then((result) => handleCheckPropertyResult(result, payload, def.property));
        }
        handleCheckPropertyResult(result, payload, def.property);
        return;
    };
})));
const $ZodCheckProperties = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    util.hide(inst, Symbol.iterator, function* () {
        yield inst;
    });
    // key and schema snapshotted together: reading one live and the other cached lets a later mutation of the caller's shape object pair a stale key with a missing schema
    let entries;
    inst._zod.check = (payload) => {
        // the base schema already typed the value, so only a nullish one is rejected here: the properties read on a primitive too, matching z.property() on a string's length
        if (payload.value == null) {
            payload.issues.push({ expected: "object", code: "invalid_type", input: payload.value, inst });
            return undefined;
        }
        entries ?? (entries = Reflect.ownKeys(def.shape).map((key) => [key, def.shape[key]]));
        const input = payload.value;
        let proms;
        for (const [key, schema] of entries) {
            const result = schema._zod.run({ value: input[key], issues: [] }, {});
            if (result instanceof Promise) {
                proms ?? (proms = []);
                proms.push(result.then((result) => handleCheckPropertyResult(result, payload, key)));
            }
            else {
                handleCheckPropertyResult(result, payload, key);
            }
        }
        if (proms)
            return Promise.all(proms).then(() => undefined);
        return undefined;
    };
})));
const $ZodCheckMimeType = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMimeType", (inst, def) => {
    $ZodCheck.init(inst, def);
    const mimeSet = new Set(def.mime);
    inst._zod.check = (payload) => {
        if (mimeSet.has(payload.value.type))
            return;
        payload.issues.push({
            code: "invalid_value",
            values: def.mime,
            input: payload.value.type,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckOverwrite = /*@__PURE__*/ $constructor("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/regexes.js

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** Implements ISO 8601-2 extensions like explicit +- prefixes, mixing weeks with other units, and fractional/negative components. */
const extendedDuration = /^[-+]?P(?!$)(?:(?:[-+]?\d+Y)|(?:[-+]?\d+[.,]\d+Y$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:(?:[-+]?\d+W)|(?:[-+]?\d+[.,]\d+W$))?(?:(?:[-+]?\d+D)|(?:[-+]?\d+[.,]\d+D$))?(?:T(?=[\d+-])(?:(?:[-+]?\d+H)|(?:[-+]?\d+[.,]\d+H$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:[-+]?\d+(?:[.,]\d+)?S)?)??$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
const uuid4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(4)));
const uuid6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(6)));
const uuid7 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(7)));
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** Equivalent to the HTML5 input[type=email] validation implemented by browsers. Source: https://developer.mozilla.org/en-US/docs/Web/HTML/Element/input/email */
const html5Email = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The classic emailregex.com regex for RFC 5322-compliant emails */
const rfc5322Email = /^(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;
/** A loose regex that allows Unicode characters, enforces length limits, and that's about it. */
const unicodeEmail = /^[^\s@"]{1,64}@[^\s@]{1,255}$/u;
const idnEmail = (/* unused pure expression or super */ null && (unicodeEmail));
const browserEmail = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji = (/* unused pure expression or super */ null && (`^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`));
function emoji() {
    return new RegExp(_emoji, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const mac = (delimiter) => {
    const escapedDelim = util.escapeRegex(delimiter ?? ":");
    return new RegExp(`^(?:[0-9A-F]{2}${escapedDelim}){5}[0-9A-F]{2}$|^(?:[0-9a-f]{2}${escapedDelim}){5}[0-9a-f]{2}$`);
};
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
// based on https://stackoverflow.com/questions/106179/regular-expression-to-match-dns-hostname-or-ip-address
// export const hostname: RegExp = /^([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$/;
const hostname = /^(?=.{1,253}\.?$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-0-9a-zA-Z]{0,61}[0-9a-zA-Z])?)*\.?$/;
const domain = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
// Credit card shape: 12–19 digits, optionally separated by single spaces or single hyphens. ISO/IEC 7812 caps the PAN at 19 digits; 12 is the shortest issued length (Maestro).
const creditCard = /^\d(?:[ -]?\d){11,18}$/;
// ISO 4217 alpha codes from the SIX list, regenerated by scripts/update-iso-4217.ts
const currencyCode = /^(?:AED|AFN|ALL|AMD|AOA|ARS|AUD|AWG|AZN|BAM|BBD|BDT|BHD|BIF|BMD|BND|BOB|BOV|BRL|BSD|BTN|BWP|BYN|BZD|CAD|CDF|CHE|CHF|CHW|CLF|CLP|CNY|COP|COU|CRC|CUP|CVE|CZK|DJF|DKK|DOP|DZD|EGP|ERN|ETB|EUR|FJD|FKP|GBP|GEL|GHS|GIP|GMD|GNF|GTQ|GYD|HKD|HNL|HTG|HUF|IDR|ILS|INR|IQD|IRR|ISK|JMD|JOD|JPY|KES|KGS|KHR|KMF|KPW|KRW|KWD|KYD|KZT|LAK|LBP|LKR|LRD|LSL|LYD|MAD|MDL|MGA|MKD|MMK|MNT|MOP|MRU|MUR|MVR|MWK|MXN|MXV|MYR|MZN|NAD|NGN|NIO|NOK|NPR|NZD|OMR|PAB|PEN|PGK|PHP|PKR|PLN|PYG|QAR|RON|RSD|RUB|RWF|SAR|SBD|SCR|SDG|SEK|SGD|SHP|SLE|SOS|SRD|SSP|STN|SVC|SYP|SZL|THB|TJS|TMT|TND|TOP|TRY|TTD|TWD|TZS|UAH|UGX|USD|USN|UYI|UYU|UYW|UZS|VED|VES|VND|VUV|WST|XAD|XAF|XAG|XAU|XBA|XBB|XBC|XBD|XCD|XCG|XDR|XOF|XPD|XPF|XPT|XSU|XTS|XUA|XXX|YER|ZAR|ZMW|ZWG)$/;
// iban electronic format: 2-letter country, check digits 02-98 (the only values `98 - remainder` can produce), 11-30 bban characters
const iban = /^[A-Z]{2}(?!00|01|99)\d{2}[A-Z0-9]{11,30}$/;
const dateSource = (/* unused pure expression or super */ null && (`(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`));
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function regexes_anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ (/* unused pure expression or super */ null && (regexes_anchor(dateSource)));
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const string = (params) => {
    const regex = params ? `[\\s\\S]{${params?.minimum ?? 0},${params?.maximum ?? ""}}` : `[\\s\\S]*`;
    return new RegExp(`^${regex}$`);
};
const bigint = /^-?\d+n?$/;
const integer = /^-?\d+$/;
const number = /^-?\d+(?:\.\d+)?$/;
const regexes_boolean = /^(?:true|false)$/i;
const _null = /^null$/i;

const _undefined = /^undefined$/i;

// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;
// regex for hexadecimal strings (any length)
const hex = /^[0-9a-fA-F]*$/;
// Hash regexes for different algorithms and encodings
// Helper function to create base64 regex with exact length and padding
function fixedBase64(bodyLength, padding) {
    return new RegExp(`^[A-Za-z0-9+/]{${bodyLength}}${padding}$`);
}
// Helper function to create base64url regex with exact length (no padding)
function fixedBase64url(length) {
    return new RegExp(`^[A-Za-z0-9_-]{${length}}$`);
}
// MD5 (16 bytes): base64 = 24 chars total (22 + "==")
const md5_hex = /^[0-9a-fA-F]{32}$/;
const md5_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(22, "==")));
const md5_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(22)));
// SHA1 (20 bytes): base64 = 28 chars total (27 + "=")
const sha1_hex = /^[0-9a-fA-F]{40}$/;
const sha1_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(27, "=")));
const sha1_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(27)));
// SHA256 (32 bytes): base64 = 44 chars total (43 + "=")
const sha256_hex = /^[0-9a-fA-F]{64}$/;
const sha256_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(43, "=")));
const sha256_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(43)));
// SHA384 (48 bytes): base64 = 64 chars total (no padding)
const sha384_hex = /^[0-9a-fA-F]{96}$/;
const sha384_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(64, "")));
const sha384_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(64)));
// SHA512 (64 bytes): base64 = 88 chars total (86 + "==")
const sha512_hex = /^[0-9a-fA-F]{128}$/;
const sha512_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(86, "==")));
const sha512_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(86)));

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/versions.js
const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/schemas.js







const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = aborted(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (explicitlyAborted(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new $ZodAsyncError();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        attachSchema(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = aborted(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    attachSchema(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = aborted(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (aborted(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return hide(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}

const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    checks.$ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
})));
const $ZodGUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.guid);
    $ZodStringFormat.init(inst, def);
})));
const $ZodUUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = regexes.uuid(v));
    }
    else
        def.pattern ?? (def.pattern = regexes.uuid());
    $ZodStringFormat.init(inst, def);
})));
const $ZodEmail = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.email);
    $ZodStringFormat.init(inst, def);
})));
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === regexes.httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodEmoji = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.emoji());
    $ZodStringFormat.init(inst, def);
})));
const $ZodNanoID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? regexes.nanoid : regexes.nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
})));
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.cuid);
    $ZodStringFormat.init(inst, def);
})));
const $ZodCUID2 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.cuid2);
    $ZodStringFormat.init(inst, def);
})));
const $ZodULID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.ulid);
    $ZodStringFormat.init(inst, def);
})));
const $ZodXID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.xid);
    $ZodStringFormat.init(inst, def);
})));
const $ZodKSUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.ksuid);
    $ZodStringFormat.init(inst, def);
})));
const $ZodISODateTime = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.datetime(def));
    $ZodStringFormat.init(inst, def);
})));
const $ZodISODate = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.date);
    $ZodStringFormat.init(inst, def);
})));
const $ZodISOTime = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.time(def));
    $ZodStringFormat.init(inst, def);
})));
const $ZodISODuration = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.duration);
    $ZodStringFormat.init(inst, def);
})));
const $ZodIPv4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.ipv4);
    $ZodStringFormat.init(inst, def);
})));
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.ipv6);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.cidrv4);
    $ZodStringFormat.init(inst, def);
})));
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.cidrv6); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodE164 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.e164);
    $ZodStringFormat.init(inst, def);
})));
//////////////////////////////   ZodCreditCard   //////////////////////////////
const CC_SANITIZE = /[- ]/g;
/** Luhn checksum on a digit-only string. Adapted from valibot (MIT). */
function isLuhnAlgo(digits) {
    let length = digits.length;
    let bit = 1;
    let sum = 0;
    while (length) {
        const value = digits.charCodeAt(--length) - 48;
        bit ^= 1;
        sum += bit ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][value] : value;
    }
    return sum % 10 === 0;
}
function isValidCreditCard(input) {
    if (!regexes.creditCard.test(input))
        return false;
    return isLuhnAlgo(input.replace(CC_SANITIZE, ""));
}
const $ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCreditCard", (inst, def) => {
    // Shape only — the Luhn check below is not expressible as a pattern, so consumers of `pattern` (JSON Schema, template literals) get the length and separator rules alone.
    def.pattern ?? (def.pattern = regexes.creditCard);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidCreditCard(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "credit_card",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodIBAN   //////////////////////////////
// iso 7064 mod 97-10 checksum without BigInt
function isIso7064Mod97(iban) {
    let remainder = 0;
    const len = iban.length;
    for (let i = 4; i < len; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    for (let i = 0; i < 4; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    return remainder === 1;
}
function isValidIBAN(input) {
    if (!regexes.iban.test(input))
        return false;
    return isIso7064Mod97(input);
}
const $ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIBAN", (inst, def) => {
    // shape only — checksum is not expressible as a pattern
    def.pattern ?? (def.pattern = regexes.iban);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidIBAN(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "iban",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCustomStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (def.fn(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: def.format,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ $constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes_boolean;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodBigInt = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.bigint;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = BigInt(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "bigint")
            return payload;
        payload.issues.push({
            expected: "bigint",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
})));
const $ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigIntFormat", (inst, def) => {
    checks.$ZodCheckBigIntFormat.init(inst, def);
    $ZodBigInt.init(inst, def); // no format checks
})));
const $ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSymbol", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "symbol")
            return payload;
        payload.issues.push({
            expected: "symbol",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUndefined", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.undefined;
    inst._zod.values = new Set([undefined]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "undefined",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNull", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.null;
    inst._zod.values = new Set([null]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (input === null)
            return payload;
        payload.issues.push({
            expected: "null",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodAny", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
})));
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodVoid", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "void",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodDate = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodDate", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce) {
            try {
                payload.value = new Date(payload.value);
            }
            catch (_err) { }
        }
        const input = payload.value;
        const isDate = input instanceof Date;
        const isValidDate = isDate && !Number.isNaN(input.getTime());
        if (isValidDate)
            return payload;
        payload.issues.push({
            expected: "date",
            code: "invalid_type",
            input,
            ...(isDate ? { received: "Invalid Date" } : {}),
            inst,
        });
        return payload;
    };
})));
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = sizeCaps(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    attachSchema(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
const mapSize = (input) => (input instanceof Map ? input.size : -1);
const setSize = (input) => (input instanceof Set ? input.size : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core_globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && aborted(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...prefixIssues(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = optionalKeys(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = cached(() => normalizeDef(def));
    defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    assignProp(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject = util_isObject;
    const catchall = def.catchall;
    let value;
    const memo = core_globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = util.cached(() => normalizeDef(def));
    const memo = core.globalConfig.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : util.esc(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject = util.isObject;
    const jit = !core.globalConfig.jitless;
    const allowsEval = util.allowsEval;
    const fastEnabled = jit && allowsEval.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
})));
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !aborted(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    defineLazyInternal(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function handleExclusiveUnionResults(results, final, inst, ctx) {
    const matches = [];
    for (let i = 0; i < results.length; i++) {
        if (results[i].issues.length === 0)
            matches.push(i);
    }
    if (matches.length === 1) {
        final.value = results[matches[0]].value;
        return final;
    }
    if (matches.length === 0) {
        // No matches - same as regular union
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: results.map((result) => result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config()))),
        });
    }
    else {
        // Multiple matches - exclusive union failure
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: [],
            inclusive: false,
            matches,
        });
    }
    return final;
}
const $ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXor", (inst, def) => {
    $ZodUnion.init(inst, def);
    def.inclusive = false;
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                results.push(result);
            }
        }
        if (!async)
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        });
    };
})));
/** Returns the option whose discriminator claims `value`, or throws if ambiguous. */
function getDiscriminatedOption(union, value) {
    const internals = union._zod;
    let map = internals.bag.optionsMap;
    if (!map) {
        map = discriminatorMap(internals.def);
        internals.bag.optionsMap = map;
    }
    const option = map.get(value);
    if (option === null)
        throw new Error(`Ambiguous discriminator value "${String(value)}"`);
    return option;
}
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
(/* unused pure expression or super */ null && (core.$constructor("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    util.defineLazyInternal(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    util.assignProp(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = util.rawShape(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = util.cached(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util.isObject(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
})));
const $ZodIntersection = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
})));
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (util.isPlainObject(a) && util.isPlainObject(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (util.aborted(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                input,
                inst,
                expected: "tuple",
                code: "invalid_type",
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
        const proms = [];
        const optinStart = getTupleOptStart(items, "optin");
        const optoutStart = getTupleOptStart(items, "optout");
        if (!def.rest) {
            if (input.length < optinStart) {
                payload.issues.push({
                    code: "too_small",
                    minimum: optinStart,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
                return payload;
            }
            if (input.length > items.length) {
                payload.issues.push({
                    code: "too_big",
                    maximum: items.length,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
            }
        }
        // Run every item in parallel, collecting results into an indexed array. The post-processing in `handleTupleResults` walks them in order so it can decide whether an absent optional-output error can truncate the tail or must be reported to preserve required output.
        const itemResults = new Array(items.length);
        // only tracked when there is a rest loop to skip
        const abortEarly = def.rest ? ctx?.abortEarly : undefined;
        let itemAborted = false;
        for (let i = 0; i < items.length; i++) {
            const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((rr) => {
                    itemResults[i] = rr;
                }));
            }
            else {
                itemResults[i] = r;
                if (abortEarly && !itemAborted && r.issues.length)
                    itemAborted = util.aborted(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (util.aborted(payload, seen))
                        break;
                    seen = payload.issues.length;
                }
                i++;
                const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((r) => handleTupleResult(r, payload, i)));
                }
                else {
                    handleTupleResult(result, payload, i);
                }
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
        }
        return handleTupleResults(itemResults, payload, items, input, optoutStart);
    };
})));
function getTupleOptStart(items, key) {
    for (let i = items.length - 1; i >= 0; i--) {
        // optin is a three-rung ladder so any rung above `undefined` permits an absent slot; optout stays two-valued.
        const omittable = key === "optin" ? items[i]._zod.optin !== undefined : items[i]._zod.optout === "optional";
        if (!omittable)
            return i + 1;
    }
    return 0;
}
function handleTupleResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...util.prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
    // Walk results in order. Mirror $ZodObject's swallow-on-absent-optional rule, but only after `optoutStart`: the first index where the output tuple tail can be absent.
    for (let i = 0; i < items.length; i++) {
        const r = itemResults[i];
        const isPresent = i < input.length;
        // The array analog of `handlePropertyResult`'s absent-key early return: the middle rung permits absence without supplying anything in its place, so the tail truncates here instead of materializing whatever the item made of `undefined`.
        if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
            final.value.length = i;
            break;
        }
        if (r.issues.length) {
            if (!isPresent && i >= optoutStart) {
                final.value.length = i;
                break;
            }
            final.issues.push(...util.prefixIssues(i, r.issues));
        }
        final.value[i] = r.value;
    }
    // Drop trailing slots that produced `undefined` for absent input
    // (the array analog of an absent optional key on an object). The
    // `i >= input.length` floor is critical: an explicit `undefined`
    // *inside* the input must be preserved even when the schema is
    // optional-out (e.g. `z.string().or(z.undefined())` accepting an
    // explicit undefined value).
    for (let i = final.value.length - 1; i >= input.length; i--) {
        if (items[i]._zod.optout === "optional" && final.value[i] === undefined) {
            final.value.length = i;
        }
        else {
            break;
        }
    }
    return final;
}
const $ZodRecord = /*@__PURE__*/ $constructor("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core_globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!isPlainObject(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...prefixIssues(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...prefixIssues(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
});
const $ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMap", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Map)) {
            payload.issues.push({
                expected: "map",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Map(), ctx) : new Map();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const [key, value] of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            const valueResult = def.valueType._zod.run({ value: value, issues: [] }, ctx);
            if (keyResult instanceof Promise || valueResult instanceof Promise) {
                proms.push(Promise.all([keyResult, valueResult]).then(([keyResult, valueResult]) => {
                    handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
                }));
            }
            else {
                handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
            }
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, mapSize);
})));
function handleMapResult(keyResult, valueResult, final, key, input, inst, ctx) {
    if (keyResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, keyResult.issues));
        }
        else {
            final.issues.push({
                code: "invalid_key",
                origin: "map",
                input,
                inst,
                issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    if (valueResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, valueResult.issues));
        }
        else {
            final.issues.push({
                origin: "map",
                code: "invalid_element",
                input,
                inst,
                key: key,
                issues: valueResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    final.value.set(keyResult.value, valueResult.value);
}
const $ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSet", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Set)) {
            payload.issues.push({
                input,
                inst,
                expected: "set",
                code: "invalid_type",
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Set(), ctx) : new Set();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const item of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const result = def.valueType._zod.run({ value: item, issues: [] }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleSetResult(result, payload)));
            }
            else
                handleSetResult(result, payload);
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, setSize);
})));
function handleSetResult(result, final) {
    if (result.issues.length) {
        final.issues.push(...result.issues);
    }
    final.value.add(result.value);
}
const $ZodEnum = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = util.getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    util.defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = util.getEnumValues(zod.def.entries).filter((k) => util.propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => util.escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodLiteral = /*@__PURE__*/ $constructor("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    defineLazyInternal(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFile", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        // @ts-ignore
        if (input instanceof File)
            return payload;
        payload.issues.push({
            expected: "file",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    core_globalConfig.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new $ZodAsyncError();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    util.defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    util.defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
})));
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : undefined;
    });
    defineLazyInternal(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    util.defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
})));
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    util.defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
})));
const $ZodNonOptional = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
})));
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
const $ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSuccess", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core.$ZodEncodeError("ZodSuccess");
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => {
                payload.value = result.issues.length === 0;
                return payload;
            });
        }
        payload.value = result.issues.length === 0;
        return payload;
    };
})));
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
})));
const $ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNaN", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "number" || !Number.isNaN(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "nan",
                code: "invalid_type",
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCodec", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        const direction = ctx.direction || "forward";
        if (direction === "forward") {
            const left = def.in._zod.run(payload, ctx);
            if (left instanceof Promise) {
                return left.then((left) => handleCodecAResult(left, def, ctx));
            }
            return handleCodecAResult(left, def, ctx);
        }
        else {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handleCodecAResult(right, def, ctx));
            }
            return handleCodecAResult(right, def, ctx);
        }
    };
})));
function handleCodecAResult(result, def, ctx) {
    if (result.issues.length) {
        // prevent further checks
        result.aborted = true;
        return result;
    }
    const direction = ctx.direction || "forward";
    if (direction === "forward") {
        const transformed = def.transform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.out, ctx));
        }
        return handleCodecTxResult(result, transformed, def.out, ctx);
    }
    else {
        const transformed = def.reverseTransform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.in, ctx));
        }
        return handleCodecTxResult(result, transformed, def.in, ctx);
    }
}
function handleCodecTxResult(left, value, nextSchema, ctx) {
    // Check if transform added any issues
    if (left.issues.length) {
        left.aborted = true;
        return left;
    }
    return nextSchema._zod.run({ value, issues: left.issues }, ctx);
}
const $ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPreprocess", (inst, def) => {
    $ZodPipe.init(inst, def);
})));
const $ZodReadonly = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
})));
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
// a leaf's pattern source with its own checks folded in: the last pattern-carrying check wins, else length bounds narrow the catch-all, else an integer format narrows the number form. the fold lives here instead of on `_zod.pattern` so a bundle without template literals never pays for it
function leafPattern(schema) {
    const def = schema._zod.def;
    let pattern = def.pattern;
    let isInt = !!def.format?.includes("int");
    let minimum;
    let maximum;
    for (const ch of def.checks ?? []) {
        const d = ch._zod.def;
        if (d.pattern)
            pattern = d.pattern;
        isInt || (isInt = !!d.format?.includes("int"));
        const lo = d.minimum ?? d.length;
        const hi = d.maximum ?? d.length;
        if (lo !== undefined && (minimum === undefined || lo > minimum))
            minimum = lo;
        if (hi !== undefined && (maximum === undefined || hi < maximum))
            maximum = hi;
    }
    if (pattern)
        return pattern.source;
    // an empty range matches nothing at runtime, and `{8,5}` is not a legal quantifier
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
        return "(?!)";
    if (minimum !== undefined || maximum !== undefined)
        return regexes.string({ minimum, maximum }).source;
    const own = schema._zod.pattern;
    return (isInt && own === regexes.number ? regexes.integer : own)?.source;
}
// a part's pattern source. a wrapper's pattern embeds its inner pattern's source verbatim, so the folded form is substituted in place without knowing the wrapper's own composition; a union's options are joined the way the union builds its own pattern
function partPattern(schema) {
    const def = schema._zod.def;
    const own = schema._zod.pattern?.source;
    // lazy resolves its inner on the internals, not the def
    const inner = def.innerType ?? schema._zod.innerType;
    if (inner) {
        const before = inner._zod.pattern?.source;
        const after = partPattern(inner);
        if (own && before && after && after !== before) {
            return own.replace(util.cleanRegex(before), () => util.cleanRegex(after));
        }
        return own;
    }
    if (def.options) {
        const sources = def.options.map(partPattern);
        if (sources.every(Boolean))
            return `^(${sources.map((s) => util.cleanRegex(s)).join("|")})$`;
    }
    return leafPattern(schema);
}
const $ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTemplateLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const regexParts = [];
    for (const part of def.parts) {
        if (typeof part === "object" && part !== null) {
            // is Zod schema
            const source = partPattern(part);
            if (!source) {
                throw new Error(`Invalid template literal part, no pattern found: ${[...part._zod.traits].shift()}`);
            }
            regexParts.push(util.cleanRegex(source));
        }
        else if (part === null || util.primitiveTypes.has(typeof part)) {
            regexParts.push(util.escapeRegex(`${part}`));
        }
        else {
            throw new Error(`Invalid template literal part: ${part}`);
        }
    }
    inst._zod.pattern = new RegExp(`^${regexParts.join("")}$`);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "string") {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "string",
                code: "invalid_type",
            });
            return payload;
        }
        inst._zod.pattern.lastIndex = 0;
        if (!inst._zod.pattern.test(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                code: "invalid_format",
                format: def.format ?? "template_literal",
                pattern: inst._zod.pattern.source,
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFunction", (inst, def) => {
    $ZodType.init(inst, def);
    // Defined, not assigned: the classic prototype exposes `_def` as a getter with no setter.
    Object.defineProperty(inst, "_def", { value: def });
    inst._zod.def = def;
    inst.implement = (func) => {
        if (typeof func !== "function") {
            throw new Error("implement() must be called with a function");
        }
        // Defined inline so the closure stays anonymous: binding it to a `const` first names it, which costs 256 bytes per implemented function.
        return Object.defineProperty(function (...args) {
            const parsedArgs = inst._def.input ? parse(inst._def.input, args) : args;
            const result = Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return parse(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst.implementAsync = (func) => {
        if (typeof func !== "function") {
            throw new Error("implementAsync() must be called with a function");
        }
        return Object.defineProperty(async function (...args) {
            const parsedArgs = inst._def.input ? await parseAsync(inst._def.input, args) : args;
            const result = await Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return await parseAsync(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "function") {
            payload.issues.push({
                code: "invalid_type",
                expected: "function",
                input: payload.value,
                inst,
            });
            return payload;
        }
        // Check if output is a promise type to determine if we should use async implementation
        const hasPromiseOutput = inst._def.output && inst._def.output._zod.def.type === "promise";
        if (hasPromiseOutput) {
            payload.value = inst.implementAsync(payload.value);
        }
        else {
            payload.value = inst.implement(payload.value);
        }
        return payload;
    };
    inst.input = (...args) => {
        const F = inst.constructor;
        if (Array.isArray(args[0])) {
            return new F({
                type: "function",
                input: new $ZodTuple({
                    type: "tuple",
                    items: args[0],
                    rest: args[1],
                }),
                output: inst._def.output,
            });
        }
        return new F({
            type: "function",
            input: args[0],
            output: inst._def.output,
        });
    };
    inst.output = (output) => {
        const F = inst.constructor;
        return new F({
            type: "function",
            input: inst._def.input,
            output,
        });
    };
    return inst;
})));
const $ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPromise", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        return Promise.resolve(payload.value).then((inner) => def.innerType._zod.run({ value: inner, issues: [] }, ctx));
    };
})));
const $ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLazy", (inst, def) => {
    $ZodType.init(inst, def);
    // Cache the resolved inner type on the shared `def` so all clones of this lazy (e.g. via `.describe()`/`.meta()`) share the same inner instance, preserving identity for cycle detection on recursive schemas.
    util.defineLazy(inst._zod, "innerType", () => {
        const d = def;
        if (!d._cachedInner)
            d._cachedInner = def.getter();
        return d._cachedInner;
    });
    util.defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
    util.defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? undefined);
    util.defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? undefined);
    inst._zod.parse = (payload, ctx) => {
        const inner = inst._zod.innerType;
        return inner._zod.run(payload, ctx);
    };
})));
const $ZodCustom = /*@__PURE__*/ $constructor("$ZodCustom", (inst, def) => {
    $ZodCheck.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(util_issue(_iss));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/registries.js
var registries_a;
const $output = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodOutput")));
const $input = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodInput")));
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(registries_a = globalThis).__zod_globalRegistry ?? (registries_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/api.js




function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedString(Class, params) {
    return new Class(snapshotChecks({ type: "string", coerce: true, ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mac(Class, params) {
    return new Class({
        type: "string",
        format: "mac",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _creditCard(Class, params) {
    return new Class({
        type: "string",
        format: "credit_card",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _iban(Class, params) {
    return new Class({
        type: "string",
        format: "iban",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
const TimePrecision = {
    Any: null,
    Minute: -1,
    Second: 0,
    Millisecond: 3,
    Microsecond: 6,
};
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedNumber(Class, params) {
    return new Class(snapshotChecks({ type: "number", coerce: true, checks: [], ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float64(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "int32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "uint32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBoolean(Class, params) {
    return new Class({
        type: "boolean",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _bigint(Class, params) {
    return new Class({
        type: "bigint",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBigint(Class, params) {
    return new Class({
        type: "bigint",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "int64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "uint64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _symbol(Class, params) {
    return new Class({
        type: "symbol",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_undefined(Class, params) {
    return new Class({
        type: "undefined",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_null(Class, params) {
    return new Class({
        type: "null",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _any(Class) {
    return new Class({
        type: "any",
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _void(Class, params) {
    return new Class({
        type: "void",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _date(Class, params) {
    return new Class({
        type: "date",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedDate(Class, params) {
    return new Class({
        type: "date",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nan(Class, params) {
    return new Class({
        type: "nan",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new checks.$ZodCheckLessThan({
        check: "less_than",
        ...util.normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new checks.$ZodCheckGreaterThan({
        check: "greater_than",
        ...util.normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _positive(params) {
    return _gt(0, params);
}
// negative
// @__NO_SIDE_EFFECTS__
function _negative(params) {
    return _lt(0, params);
}
// nonpositive
// @__NO_SIDE_EFFECTS__
function _nonpositive(params) {
    return _lte(0, params);
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new checks.$ZodCheckMultipleOf({
        check: "multiple_of",
        ...util.normalizeParams(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxSize(maximum, params) {
    return new checks.$ZodCheckMaxSize({
        check: "max_size",
        ...util.normalizeParams(params),
        maximum,
    });
}
// @__NO_SIDE_EFFECTS__
function _minSize(minimum, params) {
    return new checks.$ZodCheckMinSize({
        check: "min_size",
        ...util.normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _size(size, params) {
    return new checks.$ZodCheckSizeEquals({
        check: "size_equals",
        ...util.normalizeParams(params),
        size,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new checks.$ZodCheckMaxLength({
        check: "max_length",
        ...util.normalizeParams(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new checks.$ZodCheckLengthEquals({
        check: "length_equals",
        ...util.normalizeParams(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new $ZodCheckRegex({
        check: "string_format",
        format: "regex",
        ...normalizeParams(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new checks.$ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new checks.$ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new checks.$ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...util.normalizeParams(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new checks.$ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...util.normalizeParams(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new checks.$ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...util.normalizeParams(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _property(property, schema, params) {
    return new checks.$ZodCheckProperty({
        check: "property",
        property,
        schema,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _properties(shape, params) {
    return new checks.$ZodCheckProperties({
        check: "properties",
        shape,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mime(types, params) {
    return new checks.$ZodCheckMimeType({
        check: "mime_type",
        mime: types,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new $ZodCheckOverwrite({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => util.slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _union(Class, options, params) {
    return new Class({
        type: "union",
        options,
        ...util.normalizeParams(params),
    });
}
function _xor(Class, options, params) {
    return new Class({
        type: "union",
        options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _discriminatedUnion(Class, discriminator, options, params) {
    return new Class({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _intersection(Class, left, right) {
    return new Class({
        type: "intersection",
        left,
        right,
    });
}
// export function _tuple(
//   Class: util.SchemaClass<schemas.$ZodTuple>,
//   items: [],
//   params?: string | $ZodTupleParams
// ): schemas.$ZodTuple<[], null>;
// @__NO_SIDE_EFFECTS__
function _tuple(Class, items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof schemas.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new Class({
        type: "tuple",
        items,
        rest,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _record(Class, keyType, valueType, params) {
    return new Class({
        type: "record",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _map(Class, keyType, valueType, params) {
    return new Class({
        type: "map",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _set(Class, valueType, params) {
    return new Class({
        type: "set",
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _enum(Class, values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    // if (Array.isArray(values)) {
    //   for (const value of values) {
    //     entries[value] = value;
    //   }
    // } else {
    //   Object.assign(entries, values);
    // }
    // const entries: util.EnumLike = {};
    // for (const val of values) {
    //   entries[val] = val;
    // }
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function _nativeEnum(Class, entries, params) {
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _literal(Class, value, params) {
    return new Class({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _file(Class, params) {
    return new Class({
        type: "file",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _transform(Class, fn) {
    return new Class({
        type: "transform",
        transform: fn,
    });
}
// @__NO_SIDE_EFFECTS__
function _optional(Class, innerType) {
    return new Class({
        type: "optional",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _nullable(Class, innerType) {
    return new Class({
        type: "nullable",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _default(Class, innerType, defaultValue) {
    return new Class({
        type: "default",
        innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
// @__NO_SIDE_EFFECTS__
function _nonoptional(Class, innerType, params) {
    return new Class({
        type: "nonoptional",
        innerType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _success(Class, innerType) {
    return new Class({
        type: "success",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _catch(Class, innerType, catchValue) {
    return new Class({
        type: "catch",
        innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : util.constantCatch(catchValue)),
    });
}
// @__NO_SIDE_EFFECTS__
function _pipe(Class, in_, out) {
    return new Class({
        type: "pipe",
        in: in_,
        out,
    });
}
// @__NO_SIDE_EFFECTS__
function _readonly(Class, innerType) {
    return new Class({
        type: "readonly",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _templateLiteral(Class, parts, params) {
    return new Class({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lazy(Class, getter) {
    return new Class({
        type: "lazy",
        getter,
    });
}
// @__NO_SIDE_EFFECTS__
function _promise(Class, innerType) {
    return new Class({
        type: "promise",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class, fn, _params) {
    const norm = util.normalizeParams(_params);
    norm.abort ?? (norm.abort = true); // default to abort:false
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...norm,
    });
    return schema;
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...normalizeParams(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(util_issue(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new $ZodCheck({
        check: "custom",
        ...normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
// @__NO_SIDE_EFFECTS__
function describe(description) {
    const ch = new $ZodCheck({ check: "describe" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, description });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function meta(metadata) {
    const ch = new $ZodCheck({ check: "meta" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, ...metadata });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _stringbool(Classes, _params) {
    const params = util.normalizeParams(_params);
    let truthyArray = params.truthy ?? ["true", "1", "yes", "on", "y", "enabled"];
    let falsyArray = params.falsy ?? ["false", "0", "no", "off", "n", "disabled"];
    if (params.case !== "sensitive") {
        truthyArray = truthyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
        falsyArray = falsyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
    }
    const truthySet = new Set(truthyArray);
    const falsySet = new Set(falsyArray);
    const _Codec = Classes.Codec ?? schemas.$ZodCodec;
    const _Boolean = Classes.Boolean ?? schemas.$ZodBoolean;
    const _String = Classes.String ?? schemas.$ZodString;
    const stringSchema = new _String({ type: "string", error: params.error });
    const booleanSchema = new _Boolean({ type: "boolean", error: params.error });
    const codec = new _Codec({
        type: "pipe",
        in: stringSchema,
        out: booleanSchema,
        transform: ((input, payload) => {
            let data = input;
            if (params.case !== "sensitive")
                data = data.toLowerCase();
            if (truthySet.has(data)) {
                return true;
            }
            else if (falsySet.has(data)) {
                return false;
            }
            else {
                payload.issues.push({
                    code: "invalid_value",
                    expected: "stringbool",
                    values: [...truthySet, ...falsySet],
                    input: payload.value,
                    inst: codec,
                    continue: false,
                });
                return {};
            }
        }),
        reverseTransform: ((input, _payload) => {
            if (input === true) {
                return truthyArray[0] || "true";
            }
            else {
                return falsyArray[0] || "false";
            }
        }),
        error: params.error,
    });
    codec._zod.bag.truthy = truthyArray;
    codec._zod.bag.falsy = falsyArray;
    codec._zod.bag.case = params.case ?? "insensitive";
    return codec;
}
// @__NO_SIDE_EFFECTS__
function _stringFormat(Class, format, fnOrRegex, _params = {}) {
    const params = util.normalizeParams(_params);
    const def = {
        check: "string_format",
        type: "string",
        format,
        fn: typeof fnOrRegex === "function" ? fnOrRegex : (val) => fnOrRegex.test(val),
        ...params,
    };
    if (fnOrRegex instanceof RegExp) {
        def.pattern = fnOrRegex;
    }
    const inst = new Class(def);
    return inst;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/errors.js


/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = $constructor("$ZodError", initializer);
const $ZodRealError = $constructor("$ZodError", initializer, undefined, {
    Parent: Error,
});
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}
function treeifyError(error, mapper = (issue) => issue.message) {
    const result = { errors: [] };
    const processError = (error, path = []) => {
        var _a;
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                // regular union error
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    result.errors.push(mapper(issue));
                    continue;
                }
                let curr = result;
                let i = 0;
                while (i < fullpath.length) {
                    const el = fullpath[i];
                    const terminal = i === fullpath.length - 1;
                    if (typeof el === "string") {
                        curr.properties ?? (curr.properties = {});
                        // el may collide with an inherited property name ("__proto__",
                        // "constructor", ...); ??= reads the prototype so the node is never
                        // created and curr.errors.push throws. Guard with hasOwnProperty and
                        // create the node with defineProperty so "__proto__" becomes a real
                        // own key rather than invoking the prototype setter.
                        if (!Object.prototype.hasOwnProperty.call(curr.properties, el)) {
                            Object.defineProperty(curr.properties, el, {
                                value: { errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        curr = curr.properties[el];
                    }
                    else {
                        curr.items ?? (curr.items = []);
                        (_a = curr.items)[el] ?? (_a[el] = { errors: [] });
                        curr = curr.items[el];
                    }
                    if (terminal) {
                        curr.errors.push(mapper(issue));
                    }
                    i++;
                }
            }
        }
    };
    processError(error);
    return result;
}
/** Format a ZodError as a human-readable string in the following form.
 *
 * From
 *
 * ```ts
 * ZodError {
 *   issues: [
 *     {
 *       expected: 'string',
 *       code: 'invalid_type',
 *       path: [ 'username' ],
 *       message: 'Invalid input: expected string'
 *     },
 *     {
 *       expected: 'number',
 *       code: 'invalid_type',
 *       path: [ 'favoriteNumbers', 1 ],
 *       message: 'Invalid input: expected number'
 *     }
 *   ];
 * }
 * ```
 *
 * to
 *
 * ```
 * username
 *   ✖ Expected number, received string at "username
 * favoriteNumbers[0]
 *   ✖ Invalid input: expected number
 * ```
 */
function toDotPath(_path) {
    const segs = [];
    const path = _path.map((seg) => (typeof seg === "object" ? seg.key : seg));
    for (const seg of path) {
        if (typeof seg === "number")
            segs.push(`[${seg}]`);
        else if (typeof seg === "symbol")
            segs.push(`[${JSON.stringify(String(seg))}]`);
        else if (/[^\w$]/.test(seg))
            segs.push(`[${JSON.stringify(seg)}]`);
        else {
            if (segs.length)
                segs.push(".");
            segs.push(seg);
        }
    }
    return segs.join("");
}
function prettifyError(error) {
    const lines = [];
    // sort by path length
    const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
    // Process each issue
    for (const issue of issues) {
        lines.push(`✖ ${issue.message}`);
        if (issue.path?.length)
            lines.push(`  → at ${toDotPath(issue.path)}`);
    }
    // Convert Map to formatted string
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/parse.js



// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new $ZodAsyncError();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parse = /* @__PURE__*/ _parse($ZodRealError);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parseAsync = /* @__PURE__*/ _parseAsync($ZodRealError);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse($ZodRealError);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync($ZodRealError);
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ (/* unused pure expression or super */ null && (Symbol.for("zod.compile.invalid")));
const COMPILE_FALLBACK = /* @__PURE__ */ (/* unused pure expression or super */ null && (Symbol.for("zod.compile.fallback")));
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new core.$ZodAsyncError();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const parse_validateAsync = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const encode = /* @__PURE__*/ _encode($ZodRealError);
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decode = /* @__PURE__*/ _decode($ZodRealError);
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const encodeAsync = /* @__PURE__*/ _encodeAsync($ZodRealError);
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decodeAsync = /* @__PURE__*/ _decodeAsync($ZodRealError);
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const safeEncode = /* @__PURE__*/ _safeEncode($ZodRealError);
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const safeDecode = /* @__PURE__*/ _safeDecode($ZodRealError);
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const safeEncodeAsync = /* @__PURE__*/ _safeEncodeAsync($ZodRealError);
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};
const safeDecodeAsync = /* @__PURE__*/ _safeDecodeAsync($ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/mini/schemas.js




const ZodMiniType = /*@__PURE__*/ $constructor("ZodMiniType", (inst, def) => {
    if (!inst._zod)
        throw new Error("Uninitialized schema in ZodMiniType.");
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
}, {
    // `with` is an alias for `check`: the same function object, not a wrapper.
    get with() {
        return this.check;
    },
    set with(value) {
        own(this, "with", value);
    },
    parse(data, params) {
        return parse_parse(this, data, params, { callee: this.parse });
    },
    parseAsync(data, params) {
        return parse_parseAsync(this, data, params, { callee: this.parseAsync });
    },
    safeParse(data, params) {
        return safeParse(this, data, params);
    },
    safeParseAsync(data, params) {
        return safeParseAsync(this, data, params);
    },
    check(...checks) {
        const def = this.def;
        return this.clone({
            ...def,
            checks: [
                ...(def.checks ?? []),
                ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }, { parent: true });
    },
    clone(_def, params) {
        return clone(this, _def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
});
const ZodMiniString = /*@__PURE__*/ $constructor("ZodMiniString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function schemas_string(params) {
    return _string(ZodMiniString, params);
}
const ZodMiniStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniStringFormat", (inst, def) => {
    core.$ZodStringFormat.init(inst, def);
    ZodMiniString.init(inst, def);
})));
const ZodMiniEmail = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniEmail", (inst, def) => {
    core.$ZodEmail.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_email(params) {
    return core._email(ZodMiniEmail, params);
}
const ZodMiniGUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniGUID", (inst, def) => {
    core.$ZodGUID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_guid(params) {
    return core._guid(ZodMiniGUID, params);
}
const ZodMiniUUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniUUID", (inst, def) => {
    core.$ZodUUID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_uuid(params) {
    return core._uuid(ZodMiniUUID, params);
}
// @__NO_SIDE_EFFECTS__
function uuidv4(params) {
    return core._uuidv4(ZodMiniUUID, params);
}
// ZodMiniUUIDv6
// @__NO_SIDE_EFFECTS__
function uuidv6(params) {
    return core._uuidv6(ZodMiniUUID, params);
}
// ZodMiniUUIDv7
// @__NO_SIDE_EFFECTS__
function uuidv7(params) {
    return core._uuidv7(ZodMiniUUID, params);
}
const ZodMiniURL = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniURL", (inst, def) => {
    core.$ZodURL.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function url(params) {
    return core._url(ZodMiniURL, params);
}
// @__NO_SIDE_EFFECTS__
function httpUrl(params) {
    return core._url(ZodMiniURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodMiniEmoji = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniEmoji", (inst, def) => {
    core.$ZodEmoji.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_emoji(params) {
    return core._emoji(ZodMiniEmoji, params);
}
const ZodMiniNanoID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniNanoID", (inst, def) => {
    core.$ZodNanoID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_nanoid(params) {
    return core._nanoid(ZodMiniNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodMiniCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodMiniCUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCUID", (inst, def) => {
    core.$ZodCUID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function schemas_cuid(params) {
    return core._cuid(ZodMiniCUID, params);
}
const ZodMiniCUID2 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCUID2", (inst, def) => {
    core.$ZodCUID2.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_cuid2(params) {
    return core._cuid2(ZodMiniCUID2, params);
}
const ZodMiniULID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniULID", (inst, def) => {
    core.$ZodULID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_ulid(params) {
    return core._ulid(ZodMiniULID, params);
}
const ZodMiniXID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniXID", (inst, def) => {
    core.$ZodXID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_xid(params) {
    return core._xid(ZodMiniXID, params);
}
const ZodMiniKSUID = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniKSUID", (inst, def) => {
    core.$ZodKSUID.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_ksuid(params) {
    return core._ksuid(ZodMiniKSUID, params);
}
const ZodMiniIPv4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniIPv4", (inst, def) => {
    core.$ZodIPv4.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_ipv4(params) {
    return core._ipv4(ZodMiniIPv4, params);
}
const ZodMiniIPv6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniIPv6", (inst, def) => {
    core.$ZodIPv6.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_ipv6(params) {
    return core._ipv6(ZodMiniIPv6, params);
}
const ZodMiniCIDRv4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCIDRv4", (inst, def) => {
    core.$ZodCIDRv4.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_cidrv4(params) {
    return core._cidrv4(ZodMiniCIDRv4, params);
}
const ZodMiniCIDRv6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCIDRv6", (inst, def) => {
    core.$ZodCIDRv6.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_cidrv6(params) {
    return core._cidrv6(ZodMiniCIDRv6, params);
}
const ZodMiniMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniMAC", (inst, def) => {
    core.$ZodMAC.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_mac(params) {
    return core._mac(ZodMiniMAC, params);
}
const ZodMiniBase64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniBase64", (inst, def) => {
    core.$ZodBase64.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_base64(params) {
    return core._base64(ZodMiniBase64, params);
}
const ZodMiniBase64URL = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniBase64URL", (inst, def) => {
    core.$ZodBase64URL.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_base64url(params) {
    return core._base64url(ZodMiniBase64URL, params);
}
const ZodMiniE164 = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniE164", (inst, def) => {
    core.$ZodE164.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_e164(params) {
    return core._e164(ZodMiniE164, params);
}
const ZodMiniCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_creditCard(params) {
    return core._creditCard(ZodMiniCreditCard, params);
}
const ZodMiniIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_iban(params) {
    return core._iban(ZodMiniIBAN, params);
}
const ZodMiniJWT = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniJWT", (inst, def) => {
    core.$ZodJWT.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function jwt(params) {
    return core._jwt(ZodMiniJWT, params);
}
const ZodMiniCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCustomStringFormat", (inst, def) => {
    core.$ZodCustomStringFormat.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodMiniCustomStringFormat, format, fnOrRegex, _params);
}
// @__NO_SIDE_EFFECTS__
function schemas_hostname(_params) {
    return core._stringFormat(ZodMiniCustomStringFormat, "hostname", regexes.hostname, _params);
}
// @__NO_SIDE_EFFECTS__
function schemas_hex(_params) {
    return core._stringFormat(ZodMiniCustomStringFormat, "hex", regexes.hex, _params);
}
// @__NO_SIDE_EFFECTS__
function schemas_currencyCode(_params) {
    return core._stringFormat(ZodMiniCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
// @__NO_SIDE_EFFECTS__
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    // check for unrecognized format
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodMiniCustomStringFormat, format, regex, params);
}
const ZodMiniNumber = /*@__PURE__*/ $constructor("ZodMiniNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function schemas_number(params) {
    return _number(ZodMiniNumber, params);
}
const ZodMiniNumberFormat = /*@__PURE__*/ $constructor("ZodMiniNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodMiniNumber.init(inst, def);
});
function schemas_int(params) {
    return _int(ZodMiniNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodMiniNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodMiniNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodMiniNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodMiniNumberFormat, params);
}
const ZodMiniBoolean = /*@__PURE__*/ $constructor("ZodMiniBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function schemas_boolean(params) {
    return _boolean(ZodMiniBoolean, params);
}
const ZodMiniBigInt = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniBigInt", (inst, def) => {
    core.$ZodBigInt.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_bigint(params) {
    return core._bigint(ZodMiniBigInt, params);
}
const ZodMiniBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodMiniBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodMiniBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodMiniBigIntFormat, params);
}
const ZodMiniSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function symbol(params) {
    return core._symbol(ZodMiniSymbol, params);
}
const ZodMiniUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_undefined(params) {
    return core._undefined(ZodMiniUndefined, params);
}

const ZodMiniNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniNull", (inst, def) => {
    core.$ZodNull.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_null(params) {
    return core._null(ZodMiniNull, params);
}

const ZodMiniAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function any() {
    return core._any(ZodMiniAny);
}
const ZodMiniUnknown = /*@__PURE__*/ $constructor("ZodMiniUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function unknown() {
    return _unknown(ZodMiniUnknown);
}
const ZodMiniNever = /*@__PURE__*/ $constructor("ZodMiniNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function never(params) {
    return _never(ZodMiniNever, params);
}
const ZodMiniVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_void(params) {
    return core._void(ZodMiniVoid, params);
}

const ZodMiniDate = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniDate", (inst, def) => {
    core.$ZodDate.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_date(params) {
    return core._date(ZodMiniDate, params);
}
const ZodMiniArray = /*@__PURE__*/ $constructor("ZodMiniArray", (inst, def) => {
    $ZodArray.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
    return new ZodMiniArray({
        type: "array",
        element: element,
        ...normalizeParams(params),
    });
}
// .keyof
// @__NO_SIDE_EFFECTS__
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return schemas_enum(Object.keys(shape));
}
const ZodMiniObject = /*@__PURE__*/ $constructor("ZodMiniObject", (inst, def) => {
    $ZodObject.init(inst, def);
    ZodMiniType.init(inst, def);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...util.normalizeParams(params),
    };
    return new ZodMiniObject(def);
}
// strictObject
// @__NO_SIDE_EFFECTS__
function strictObject(shape, params) {
    return new ZodMiniObject({
        type: "object",
        shape,
        catchall: never(),
        ...normalizeParams(params),
    });
}
// looseObject
// @__NO_SIDE_EFFECTS__
function looseObject(shape, params) {
    return new ZodMiniObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...normalizeParams(params),
    });
}
// object methods
// @__NO_SIDE_EFFECTS__
function schemas_extend(schema, shape) {
    return util.extend(schema, shape);
}
// @__NO_SIDE_EFFECTS__
function schemas_safeExtend(schema, shape) {
    return util.safeExtend(schema, shape);
}
/**
 * @deprecated Use [`z.extend(A, B.shape)`](https://zod.dev/api?id=extend) instead.
 */
// @__NO_SIDE_EFFECTS__
function schemas_merge(a, b) {
    return util.merge(a, b);
}
// @__NO_SIDE_EFFECTS__
function schemas_pick(schema, mask) {
    return util.pick(schema, mask);
}
// .omit
// @__NO_SIDE_EFFECTS__
function schemas_omit(schema, mask) {
    return util.omit(schema, mask);
}
// @__NO_SIDE_EFFECTS__
function schemas_partial(schema, mask) {
    const def = schema._zod.def;
    if (def.type !== "tuple")
        return util.partial(ZodMiniOptional, schema, mask);
    // a refinement was authored against the full arity; partialing would run it on a shorter array
    if (def.checks?.length)
        throw new Error(".partial() cannot be used on tuple schemas containing refinements");
    return util.clone(schema, {
        ...def,
        items: def.items.map((item) => new ZodMiniOptional({ type: "optional", innerType: item })),
    });
}
// @__NO_SIDE_EFFECTS__
function exactPartial(schema, mask) {
    return util.partial(ZodMiniExactOptional, schema, mask, "exactPartial");
}
// @__NO_SIDE_EFFECTS__
function schemas_required(schema, mask) {
    return util.required(ZodMiniNonOptional, schema, mask);
}
// @__NO_SIDE_EFFECTS__
function catchall(inst, catchall) {
    // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
    return inst.clone(util.mergeDefs(inst._zod.def, { catchall: catchall }));
}
const ZodMiniUnion = /*@__PURE__*/ $constructor("ZodMiniUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options, params) {
    return new ZodMiniUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodMiniXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniXor", (inst, def) => {
    ZodMiniUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodMiniXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodMiniDiscriminatedUnion = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniDiscriminatedUnion", (inst, def) => {
    core.$ZodDiscriminatedUnion.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function discriminatedUnion(discriminator, options, params) {
    return new ZodMiniDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
const ZodMiniIntersection = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniIntersection", (inst, def) => {
    core.$ZodIntersection.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function intersection(left, right) {
    return new ZodMiniIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodMiniTuple = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniTuple", (inst, def) => {
    core.$ZodTuple.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof core.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodMiniTuple({
        type: "tuple",
        items: items,
        rest,
        ...util.normalizeParams(params),
    });
}
const ZodMiniRecord = /*@__PURE__*/ $constructor("ZodMiniRecord", (inst, def) => {
    $ZodRecord.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodMiniRecord({
            type: "record",
            keyType: schemas_string(),
            valueType: keyType,
            ...normalizeParams(valueType),
        });
    }
    return new ZodMiniRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function partialRecord(keyType, valueType, params) {
    return new ZodMiniRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodMiniRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMiniMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniMap", (inst, def) => {
    core.$ZodMap.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function map(keyType, valueType, params) {
    return new ZodMiniMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodMiniSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniSet", (inst, def) => {
    core.$ZodSet.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function set(valueType, params) {
    return new ZodMiniSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodMiniEnum = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniEnum", (inst, def) => {
    core.$ZodEnum.init(inst, def);
    ZodMiniType.init(inst, def);
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
})));
// @__NO_SIDE_EFFECTS__
function schemas_enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodMiniEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}

// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodMiniEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodMiniLiteral = /*@__PURE__*/ $constructor("ZodMiniLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
    return new ZodMiniLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...normalizeParams(params),
    });
}
const ZodMiniFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function file(params) {
    return core._file(ZodMiniFile, params);
}
const ZodMiniTransform = /*@__PURE__*/ $constructor("ZodMiniTransform", (inst, def) => {
    $ZodTransform.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function transform(fn) {
    return new ZodMiniTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodMiniOptional = /*@__PURE__*/ $constructor("ZodMiniOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
    return new ZodMiniOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodMiniExactOptional = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniExactOptional", (inst, def) => {
    core.$ZodExactOptional.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function exactOptional(innerType) {
    return new ZodMiniExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodMiniNullable = /*@__PURE__*/ $constructor("ZodMiniNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
    return new ZodMiniNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
// @__NO_SIDE_EFFECTS__
function schemas_nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodMiniDefault = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniDefault", (inst, def) => {
    core.$ZodDefault.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_default(innerType, defaultValue) {
    return new ZodMiniDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
const ZodMiniPrefault = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniPrefault", (inst, def) => {
    core.$ZodPrefault.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function prefault(innerType, defaultValue) {
    return new ZodMiniPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
const ZodMiniNonOptional = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniNonOptional", (inst, def) => {
    core.$ZodNonOptional.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function nonoptional(innerType, params) {
    return new ZodMiniNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...util.normalizeParams(params),
    });
}
const ZodMiniSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function success(innerType) {
    return new ZodMiniSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodMiniCatch = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCatch", (inst, def) => {
    core.$ZodCatch.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function schemas_catch(innerType, catchValue) {
    return new ZodMiniCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : core.util.constantCatch(catchValue)),
    });
}

const ZodMiniNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function nan(params) {
    return core._nan(ZodMiniNaN, params);
}
const ZodMiniPipe = /*@__PURE__*/ $constructor("ZodMiniPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function pipe(in_, out) {
    return new ZodMiniPipe({
        type: "pipe",
        in: in_,
        out: out,
    });
}
const ZodMiniCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniCodec", (inst, def) => {
    ZodMiniPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function codec(in_, out, params) {
    return new ZodMiniCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
// @__NO_SIDE_EFFECTS__
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodMiniCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodMiniReadonly = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniReadonly", (inst, def) => {
    core.$ZodReadonly.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function readonly(innerType) {
    return new ZodMiniReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodMiniTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function templateLiteral(parts, params) {
    return new ZodMiniTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodMiniLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// export function lazy<T extends object>(getter: () => T): T {
//   return util.createTransparentProxy<T>(getter);
// }
// @__NO_SIDE_EFFECTS__
function schemas_lazy(getter) {
    return new ZodMiniLazy({
        type: "lazy",
        getter: getter,
    });
}

const ZodMiniPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function promise(innerType) {
    return new ZodMiniPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodMiniCustom = /*@__PURE__*/ $constructor("ZodMiniCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodMiniType.init(inst, def);
});
// custom checks
// @__NO_SIDE_EFFECTS__
function check(fn, params) {
    const ch = new core.$ZodCheck({
        check: "custom",
        ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
// ZodCustom custom schema
// @__NO_SIDE_EFFECTS__
function custom(fn, _params) {
    return core._custom(ZodMiniCustom, fn ?? (() => true), _params);
}
// refine
// @__NO_SIDE_EFFECTS__
function refine(fn, _params = {}) {
    return _refine(ZodMiniCustom, fn, _params);
}
// superRefine
// @__NO_SIDE_EFFECTS__
function superRefine(fn, params) {
    return _superRefine(fn, params);
}
// Re-export describe and meta from core
const schemas_describe = describe;
const schemas_meta = meta;
// instanceof
class schemas_Class {
    constructor(..._args) { }
}
// @__NO_SIDE_EFFECTS__
function _instanceof(cls, params = {}) {
    const inst = custom((data) => data instanceof cls, params);
    inst._zod.bag.Class = cls;
    // Override check to emit invalid_type instead of custom
    inst._zod.check = (payload) => {
        if (!(payload.value instanceof cls)) {
            payload.issues.push({
                code: "invalid_type",
                expected: cls.name,
                input: payload.value,
                inst,
                path: [...(inst._zod.def.path ?? [])],
            });
        }
    };
    return inst;
}

// stringbool
const stringbool = (...args) => core._stringbool({
    Codec: ZodMiniCodec,
    Boolean: ZodMiniBoolean,
    String: ZodMiniString,
}, ...args);
// @__NO_SIDE_EFFECTS__
function json() {
    const jsonSchema = schemas_lazy(() => {
        return union([schemas_string(), schemas_number(), schemas_boolean(), schemas_null(), array(jsonSchema), record(schemas_string(), jsonSchema)]);
    });
    return jsonSchema;
}
const ZodMiniFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMiniFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodMiniType.init(inst, def);
})));
// @__NO_SIDE_EFFECTS__
function _function(params) {
    return new ZodMiniFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}


;// CONCATENATED MODULE: ./src/openlogos/project-config.ts
/**
 * Project-wide OpenLogos settings: the report language (logos.config.json) and the deployment
 * gates of each module (logos-project.yaml).
 */







const gateSchema = looseObject({
    deployment_required: optional(schemas_boolean()),
    smoke_required: optional(schemas_boolean()),
    environments: optional(array(schemas_string()))
});
const projectFileSchema = looseObject({
    deployment_gates: optional(nullable(record(schemas_string(), nullable(gateSchema))))
});
function readProjectSettings(root) {
    const configRead = readRegular(external_node_path_default().join(root, OPENLOGOS.configFile));
    const config = configRead.kind === 'text' ? configRead.text : undefined;
    const settings = {
        locale: 'en',
        gates: {},
        problems: [],
        isInitialised: configRead.kind !== 'absent'
    };
    if (configRead.kind === 'not-a-file')
        settings.problems.push(openlogos_messages_say.notARegularFile(OPENLOGOS.configFile));
    if (config !== undefined) {
        try {
            const data = JSON.parse(config);
            if (data['locale'] === 'zh')
                settings.locale = 'zh';
            if (typeof data['name'] === 'string')
                settings.name = data['name'];
        }
        catch {
            // The parser's message quotes the file's text: never copy a file's bytes into a report.
            settings.problems.push(openlogos_messages_say.configNotJson(OPENLOGOS.configFile));
        }
    }
    const projectRead = readRegular(external_node_path_default().join(root, OPENLOGOS.projectFile));
    if (projectRead.kind === 'not-a-file')
        settings.problems.push(openlogos_messages_say.notARegularFile(OPENLOGOS.projectFile));
    const project = projectRead.kind === 'text' ? projectRead.text : undefined;
    if (project !== undefined) {
        try {
            const parsed = projectFileSchema.safeParse((0,js_yaml.load)(project, { schema: js_yaml.CORE_SCHEMA }) ?? {});
            if (parsed.success) {
                for (const [module, gate] of Object.entries(parsed.data.deployment_gates ?? {})) {
                    settings.gates[module] = gate ?? {};
                }
            }
            else {
                const issue = parsed.error.issues[0];
                settings.problems.push(openlogos_messages_say.projectFileInvalid(OPENLOGOS.projectFile, issue?.path.join('.') ?? '', issue?.message ?? 'invalid'));
            }
        }
        catch (error) {
            const first = error.message.split('\n')[0] ?? '';
            settings.problems.push(openlogos_messages_say.projectFileNotYaml(OPENLOGOS.projectFile, first));
        }
    }
    return settings;
}
/** The project's language alone, read first: the log speaks it from its first line. */
function readProjectLocale(root) {
    const config = readOptional(external_node_path_default().join(root, OPENLOGOS.configFile));
    try {
        const data = JSON.parse(config ?? '{}');
        return data?.['locale'] === 'zh' ? 'zh' : 'en';
    }
    catch {
        return 'en';
    }
}
function readOptional(file) {
    const read = readRegular(file);
    return read.kind === 'text' ? read.text : undefined;
}

;// CONCATENATED MODULE: ./src/openlogos/tasks.ts
/**
 * tasks.md as the OpenLogos CLI reads it: `## [tag]` sections at column 0 (a plain `##` heading
 * does not end a section), tasks `- [ ]` / `- [x]` at column 0 only; indented items are sub-tasks.
 */
const SECTION = /^## \[([a-z][a-z0-9-]*)\]/i;
/** As the CLI reads one: the prefix is the task, whatever the line holds after it (a lone CR too). */
const TASK = /^- \[( |x|X)\] ?([^]*)$/;
function parseTasks(text) {
    const sections = [];
    const allTasks = [];
    let current;
    splitLines(text).forEach((line, index) => {
        const section = SECTION.exec(line);
        if (section) {
            current = { tag: (section[1] ?? '').toLowerCase(), heading: line, line: index + 1, tasks: [] };
            sections.push(current);
            return;
        }
        const task = TASK.exec(line);
        if (!task)
            return;
        const parsed = { isDone: task[1] !== ' ', text: (task[2] ?? '').trim(), line: index + 1 };
        allTasks.push(parsed);
        current?.tasks.push(parsed);
    });
    return { sections, isLegacy: sections.length === 0, allTasks };
}
/** Tasks of every section with this tag (a file may repeat a tag). */
function tasksOf(list, tag) {
    const matching = list.sections.filter(section => section.tag === tag);
    return { hasSection: matching.length > 0, tasks: matching.flatMap(section => section.tasks) };
}
/**
 * What `openlogos deploy-done` does to tasks.md: every `[deploy]` task becomes `- [x]`; every
 * other byte of the file, line endings included, stays as it was.
 */
function tickDeployTasks(text) {
    let inDeploy = false;
    // Lines end at LF or CRLF only, as the CLI splits them: a lone CR stays inside its line.
    const parts = text.split(/(\r?\n)/);
    for (let index = 0; index < parts.length; index += 2) {
        const line = parts[index] ?? '';
        const section = SECTION.exec(line);
        if (section)
            inDeploy = (section[1] ?? '').toLowerCase() === 'deploy';
        else if (inDeploy && /^- \[( |X)\]/.test(line))
            parts[index] = `- [x]${line.slice(5)}`;
    }
    return parts.join('');
}
function splitLines(text) {
    return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

;// CONCATENATED MODULE: ./src/openlogos/proposal-checks.ts
/** Is the OpenLogos proposal ready to deploy? The conditions of openlogos.md, each with its fix. */





function checkProposal(proposal) {
    const checks = [
        // A flow overlay's gate is judged apart (verify-gate.ts): it may be a command to run.
        proposal.verifyFlow.kind === 'ok' && proposal.verifyFlow.gate.source === 'builtin'
            ? checkVerification(proposal)
            : undefined,
        checkDeploymentRequired(proposal),
        ...checkTasks(proposal),
        checkSpecMerged(proposal)
    ];
    for (const problem of proposal.project.problems) {
        checks.push(failed(openlogos_messages_say.settingsTitle, problem, openlogos_messages_say.settingsFix));
    }
    return checks.filter((check) => check !== undefined);
}
function markerProblem(proposal, marker, state) {
    return state === 'not-a-file' ? openlogos_messages_say.markerNotAFile(`${proposal.folder}/${marker}`) : undefined;
}
function checkVerification(proposal) {
    const title = openlogos_messages_say.verifyTitle;
    const pass = proposal.markers[MARKER.verifyPass];
    const fail = proposal.markers[MARKER.verifyFail];
    const broken = markerProblem(proposal, MARKER.verifyPass, pass) ??
        markerProblem(proposal, MARKER.verifyFail, fail);
    if (broken) {
        return failed(title, broken, openlogos_messages_say.markerNotAFileFix);
    }
    if (fail === 'present') {
        return failed(title, openlogos_messages_say.verifyFailPresent(`${proposal.folder}/${MARKER.verifyFail}`), openlogos_messages_say.verifyFailFix);
    }
    if (pass !== 'present') {
        return failed(title, openlogos_messages_say.verifyPassMissing(`${proposal.folder}/${MARKER.verifyPass}`), openlogos_messages_say.verifyPassFix);
    }
    return passed(title, openlogos_messages_say.verifyPassed(MARKER.verifyPass, MARKER.verifyFail));
}
/**
 * Whether a deployment is required, as OpenLogos decides it (CLI 0.13.24, proposal-lifecycle.ts):
 * the proposal's answer first; else [deploy] tasks in tasks.md; `deployment_gates` in
 * logos-project.yaml can only say "not required", never "required". A conflict is an answer that
 * contradicts the presence of a `## [deploy]` heading; an empty [deploy] section is no conflict
 * (the tasks check refuses it). English answers (`- Deployment required: yes|no`) are read too,
 * which OpenLogos does not do: for them, a conflict with tasks.md is refused rather than overruled.
 */
function checkDeploymentRequired(proposal) {
    const title = openlogos_messages_say.requiredTitle;
    const deploy = proposal.tasks
        ? tasksOf(proposal.tasks, 'deploy')
        : { hasSection: false, tasks: [] };
    const stated = proposal.decisions.deployment;
    const where = `${proposal.folder}/proposal.md`;
    // Not read is not absent: the proposal's own answer may be "no".
    if (proposal.notRegular.includes(where)) {
        return failed(title, openlogos_messages_say.notARegularFile(where), openlogos_messages_say.plainFileFix(where));
    }
    if (stated?.value === 'invalid') {
        return failed(title, openlogos_messages_say.invalidAnswer(where, stated.line, stated.text), openlogos_messages_say.invalidAnswerFix, [
            { file: where, line: stated.line }
        ]);
    }
    if (stated?.value === 'yes' && !deploy.hasSection) {
        return failed(title, openlogos_messages_say.conflictYes(where, stated.line), openlogos_messages_say.conflictYesFix, [
            { file: where, line: stated.line }
        ]);
    }
    if (stated?.value === 'no') {
        return deploy.hasSection
            ? failed(title, openlogos_messages_say.conflictNo(where, stated.line), openlogos_messages_say.conflictNoFix, [
                { file: where, line: stated.line }
            ])
            : failed(title, openlogos_messages_say.saysNotRequired(where, stated.line), openlogos_messages_say.saysNotRequiredFix, [
                { file: where, line: stated.line }
            ]);
    }
    if (stated?.value === 'yes')
        return passed(title, openlogos_messages_say.saysYes(where, stated.line));
    if (deploy.tasks.length > 0)
        return passed(title, openlogos_messages_say.hasDeployTasks(deploy.tasks.length));
    return failed(title, openlogos_messages_say.nothingSaysRequired, openlogos_messages_say.nothingSaysRequiredFix);
}
function checkTasks(proposal) {
    const codeTitle = openlogos_messages_say.codeTasksTitle;
    const deployTitle = openlogos_messages_say.deployTasksTitle;
    const file = `${proposal.folder}/tasks.md`;
    if (proposal.notRegular.includes(file)) {
        const fix = openlogos_messages_say.plainFileFix(file);
        return [
            failed(codeTitle, openlogos_messages_say.notARegularFile(file), fix),
            failed(deployTitle, openlogos_messages_say.notARegularFile(file), fix)
        ];
    }
    if (!proposal.tasks) {
        const fix = openlogos_messages_say.writeTasksFix;
        return [
            failed(codeTitle, openlogos_messages_say.fileMissing(file), fix),
            failed(deployTitle, openlogos_messages_say.fileMissing(file), fix)
        ];
    }
    const list = proposal.tasks;
    if (list.isLegacy) {
        const open = list.allTasks.filter(task => !task.isDone);
        return [
            open.length > 0
                ? failed(codeTitle, openlogos_messages_say.openInLegacy(describeOpen(open)), openlogos_messages_say.finishThemFix, lines(file, open))
                : passed(codeTitle, openlogos_messages_say.legacyAllDone),
            failed(deployTitle, openlogos_messages_say.legacyNoDeploy(file), openlogos_messages_say.splitLegacyFix)
        ];
    }
    const code = tasksOf(list, 'code');
    const openCode = code.tasks.filter(task => !task.isDone);
    const deploy = tasksOf(list, 'deploy');
    return [
        openCode.length > 0
            ? failed(codeTitle, openlogos_messages_say.openUnderCode(describeOpen(openCode), file), openlogos_messages_say.finishCodeFix, lines(file, openCode))
            : passed(codeTitle, code.hasSection ? openlogos_messages_say.codeTasksDone(code.tasks.length) : openlogos_messages_say.noCodeSection),
        deploy.tasks.length > 0
            ? passed(deployTitle, openlogos_messages_say.deployTaskCount(deploy.tasks.length))
            : failed(deployTitle, deploy.hasSection ? openlogos_messages_say.emptyDeploySection(file) : openlogos_messages_say.noDeploySection(file), openlogos_messages_say.addDeployTasksFix)
    ];
}
function checkSpecMerged(proposal) {
    if (proposal.planDeltas.length === 0)
        return undefined;
    const title = openlogos_messages_say.specMergedTitle;
    const states = [MARKER.specMerged, MARKER.legacyMerged].map(marker => proposal.markers[marker]);
    if (states.includes('present'))
        return passed(title, openlogos_messages_say.deltasMerged(proposal.planDeltas.length));
    return failed(title, openlogos_messages_say.deltasNotMerged(listOf(proposal.planDeltas), MARKER.specMerged), openlogos_messages_say.deltasNotMergedFix);
}
function describeOpen(tasks) {
    const shown = tasks.slice(0, 5).map(task => openlogos_messages_say.taskAt(task.line, task.text));
    return openlogos_messages_say.openTasks(tasks.length, joinMessages(shown, SEPARATOR.list), Math.max(0, tasks.length - 5));
}
function lines(file, tasks) {
    return tasks.slice(0, 5).map(task => ({ file, line: task.line }));
}

;// CONCATENATED MODULE: ./src/openlogos/flow.ts
/**
 * The verify gate as OpenLogos resolves it: the builtin `launched` flow (`marker:VERIFY_PASS`, failed
 * by `marker:VERIFY_FAIL`) with the project's overlay, `logos/flow/launched.yaml`, applied. An
 * overlay may redefine the gate as another marker or as a command (`cmd: ./scripts/verify.sh`);
 * an overlay OpenLogos would reject (FLOW_SCHEMA_INVALID) is rejected here too, with its reason.
 * Mirrors cli/src/lib/flow.ts and commands/deploy-done.ts of the CLI 0.13.24 (commit 99c8fb9), for
 * what the verify gate depends on.
 */






const FLOW_OVERLAY = 'logos/flow/launched.yaml';
/** The nodes of the builtin launched flow, which `modify` and `skip` may target. */
const BUILTIN_NODES = new Set([
    'write-proposal',
    'write-tasks',
    'write-delta',
    'generate-merge-prompt',
    'apply-merge',
    'plan-slices',
    'code',
    'verify',
    'deploy',
    'smoke',
    'archive'
]);
const OPS = new Set(['skip', 'modify', 'add', 'reorder', 'set-loop']);
const DEFAULT_TIMEOUT_S = 60;
/** The builtin flow loops the implement subflow 30 times; a cmd verify gate needs it off. */
const BUILTIN_IMPLEMENT_ITERATIONS = 30;
function resolveVerifyGate(root) {
    const builtin = {
        doneWhen: { kind: 'marker', name: 'VERIFY_PASS' },
        failWhen: { kind: 'marker', name: 'VERIFY_FAIL' },
        timeoutMs: DEFAULT_TIMEOUT_S * 1000,
        source: 'builtin'
    };
    const read = readRegular(external_node_path_default().join(root, FLOW_OVERLAY));
    if (read.kind === 'absent')
        return { kind: 'ok', gate: builtin };
    // An overlay that is a FIFO, a device or a link is never read, and never taken as absent: an
    // overlay may make the gate stricter, so the run is refused (OpenLogos would read it, or block).
    if (read.kind === 'not-a-file')
        return { kind: 'invalid', problem: openlogos_messages_say.notARegularFile(FLOW_OVERLAY) };
    const text = read.text;
    let overlay;
    try {
        overlay = (0,js_yaml.load)(text, { schema: js_yaml.CORE_SCHEMA });
    }
    catch (error) {
        return invalid(openlogos_messages_say.flow.yaml(error.name));
    }
    if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay))
        return invalid(openlogos_messages_say.flow.notMapping);
    const document = overlay;
    const extendsProblem = checkExtends(document['extends']);
    if (extendsProblem)
        return invalid(extendsProblem);
    const ops = document['overlay'] ?? [];
    if (!Array.isArray(ops))
        return invalid(openlogos_messages_say.flow.overlayNotList);
    const verify = {
        done_when: 'marker:VERIFY_PASS',
        fail_when: 'marker:VERIFY_FAIL'
    };
    let implementIterations = BUILTIN_IMPLEMENT_ITERATIONS;
    for (const [index, op] of ops.entries()) {
        const where = `overlay[${index}]`;
        if (typeof op !== 'object' || op === null)
            return invalid(openlogos_messages_say.flow.opNotMapping(where));
        const item = op;
        const kind = item['op'];
        if (typeof kind !== 'string' || !OPS.has(kind))
            return invalid(openlogos_messages_say.flow.unknownOp(where, String(kind), listOf([...OPS])));
        const target = item['target'];
        if ((kind === 'modify' || kind === 'skip') &&
            (typeof target !== 'string' || !BUILTIN_NODES.has(target)))
            return invalid(openlogos_messages_say.flow.unknownTarget(where, kind, String(target)));
        if (kind === 'skip' && target === 'verify')
            return invalid(openlogos_messages_say.flow.skipsVerify(where));
        if (kind === 'modify') {
            const set = item['set'];
            if (typeof set !== 'object' ||
                set === null ||
                Array.isArray(set) ||
                Object.keys(set).length === 0)
                return invalid(openlogos_messages_say.flow.emptySet(where));
            if ('id' in set)
                return invalid(openlogos_messages_say.flow.changesId(where));
            if (target === 'verify')
                Object.assign(verify, set);
        }
        if (kind === 'set-loop') {
            const set = item['set'];
            const iterations = set?.['max_iters'];
            if (item['subflow'] === 'implement' && typeof iterations === 'number')
                implementIterations = iterations;
        }
    }
    return gateOf(verify, implementIterations, root);
}
function gateOf(verify, implementIterations, root) {
    const done = predicateOf(verify['done_when'], 'done_when');
    if ('problem' in done)
        return invalid(done.problem);
    const fail = verify['fail_when'] === undefined || verify['fail_when'] === null
        ? undefined
        : predicateOf(verify['fail_when'], 'fail_when');
    if (fail && 'problem' in fail)
        return invalid(fail.problem);
    const usesCommand = done.kind === 'cmd' || fail?.kind === 'cmd';
    if (done.kind === 'cmd' && fail?.kind === 'cmd')
        return invalid(openlogos_messages_say.flow.bothCommands);
    if (usesCommand && implementIterations > 1)
        return invalid(openlogos_messages_say.flow.loopOn);
    let timeoutS = DEFAULT_TIMEOUT_S;
    if (usesCommand) {
        const own = verify['cmd_timeout_seconds'];
        const project = projectTimeout(root);
        if (typeof project === 'object')
            return invalid(project);
        if (own !== undefined && !(Number.isInteger(own) && own >= 1))
            return invalid(openlogos_messages_say.flow.ownTimeout);
        timeoutS = own ?? project ?? DEFAULT_TIMEOUT_S;
    }
    return {
        kind: 'ok',
        gate: {
            doneWhen: done,
            ...(fail ? { failWhen: fail } : {}),
            timeoutMs: timeoutS * 1000,
            source: FLOW_OVERLAY
        }
    };
}
function predicateOf(value, field) {
    if (typeof value !== 'string')
        return { problem: openlogos_messages_say.flow.notPredicate(field) };
    if (value.startsWith('marker:'))
        return { kind: 'marker', name: value.slice(7).trim() };
    if (value.startsWith('cmd:')) {
        const command = value.slice(4).trim();
        if (command === '')
            return { problem: openlogos_messages_say.flow.emptyCommand(field) };
        return { kind: 'cmd', command };
    }
    return { problem: openlogos_messages_say.flow.badPredicate(field, value) };
}
function checkExtends(value) {
    if (value === undefined)
        return undefined;
    if (typeof value !== 'string')
        return openlogos_messages_say.flow.extendsNotString;
    const match = /^builtin:([A-Za-z0-9_-]+)(?:@(v[0-9A-Za-z.]+))?$/.exec(value);
    if (!match)
        return openlogos_messages_say.flow.extendsForm(value);
    if (match[1] !== 'launched')
        return openlogos_messages_say.flow.extendsOther(value);
    return undefined;
}
/** logos.config.json `flow.cmd_timeout_seconds`: undefined when unset, a problem when invalid. */
function projectTimeout(root) {
    const read = readRegular(external_node_path_default().join(root, OPENLOGOS.configFile));
    if (read.kind !== 'text')
        return undefined;
    try {
        const flow = JSON.parse(read.text).flow;
        const value = flow?.cmd_timeout_seconds;
        if (value === undefined)
            return undefined;
        return Number.isInteger(value) && value >= 1
            ? value
            : openlogos_messages_say.flow.projectTimeout(OPENLOGOS.configFile);
    }
    catch {
        return undefined;
    }
}
function invalid(reason) {
    return { kind: 'invalid', problem: openlogos_messages_say.flowInvalid(FLOW_OVERLAY, reason) };
}

;// CONCATENATED MODULE: ./src/openlogos/proposal.ts
/**
 * Reads what the OpenLogos files say about a proposal: its markers, tasks, deployment decision and
 * the project's gates. Only reads; judging readiness is preflight.ts's job.
 */






function readProposal(root, slug, guardModule) {
    const folder = `${OPENLOGOS.changesDir}/${slug}`;
    const absolute = external_node_path_default().join(root, folder);
    const proposalRead = readRegular(external_node_path_default().join(absolute, 'proposal.md'));
    const tasksRead = readRegular(external_node_path_default().join(absolute, 'tasks.md'));
    const proposalText = proposalRead.kind === 'text' ? proposalRead.text : undefined;
    const tasksText = tasksRead.kind === 'text' ? tasksRead.text : undefined;
    const notRegular = [
        ...(proposalRead.kind === 'not-a-file' ? [`${folder}/proposal.md`] : []),
        ...(tasksRead.kind === 'not-a-file' ? [`${folder}/tasks.md`] : [])
    ];
    const project = readProjectSettings(root);
    const planDeltas = listFiles(root, `${folder}/${OPENLOGOS.planDeltaDir}`);
    // As OpenLogos counts smoke cases: any file of the folder, .gitkeep aside.
    const hasSmokeCases = listFiles(root, OPENLOGOS.smokeDir).some(file => !file.endsWith('.gitkeep'));
    const verifyFlow = resolveVerifyGate(root);
    const decisions = proposalText === undefined ? {} : parseDecisions(proposalText);
    const markers = {};
    const gateMarkers = verifyFlow.kind === 'ok'
        ? [verifyFlow.gate.doneWhen, verifyFlow.gate.failWhen].flatMap(predicate => predicate?.kind === 'marker' && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(predicate.name)
            ? [predicate.name]
            : [])
        : [];
    for (const marker of new Set([...Object.values(MARKER), ...gateMarkers])) {
        markers[marker] = markerState(external_node_path_default().join(absolute, marker));
    }
    return {
        slug,
        folder,
        module: decisions.module ?? guardModule ?? OPENLOGOS.defaultModule,
        markers,
        tasks: tasksText === undefined ? undefined : parseTasks(tasksText),
        hasProposalFile: proposalText !== undefined,
        notRegular,
        decisions,
        planDeltas,
        project,
        hasSmokeCases,
        verifyFlow
    };
}
const IMPACT_HEADING = /^##\s+(?:[\d.、]+\s*)?(部署影响|deployment impact)\s*$/i;
const DEPLOYMENT_LINE = /^\s*[-*]\s*(是否需要部署|deployment required)\s*[:：]\s*(.*?)\s*$/i;
const SMOKE_LINE = /^\s*[-*]\s*(是否需要\s*smoke|smoke required)\s*[:：]\s*(.*?)\s*$/i;
const MODULE_LINE = /^>\s*module:\s*([A-Za-z0-9_-]+)/;
/** The `## 部署影响` / `## Deployment Impact` answers, in Chinese (是/否) or English (yes/no). */
function parseDecisions(text) {
    const decisions = {};
    let inImpact = false;
    text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .forEach((line, index) => {
        const module = MODULE_LINE.exec(line);
        if (module && decisions.module === undefined)
            decisions.module = module[1];
        if (/^#{1,2}\s/.test(line)) {
            inImpact = IMPACT_HEADING.test(line);
            return;
        }
        if (!inImpact)
            return;
        const deployment = DEPLOYMENT_LINE.exec(line);
        if (deployment)
            decisions.deployment ??= toDecision(deployment[2] ?? '', index + 1);
        const smoke = SMOKE_LINE.exec(line);
        if (smoke)
            decisions.smoke ??= toDecision(smoke[2] ?? '', index + 1);
    });
    const strict = asOpenLogosReads(text);
    return strict ? { ...decisions, asOpenLogosReads: strict } : decisions;
}
/** proposal-lifecycle.ts of the OpenLogos CLI, to the letter. */
function asOpenLogosReads(text) {
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex(line => line.trim() === '## 部署影响');
    if (start === -1)
        return undefined;
    const end = lines.findIndex((line, index) => index > start && /^##\s+/.test(line));
    const section = lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
    const answer = (pattern) => {
        const value = pattern.exec(section)?.[1]?.trim();
        return value === '是' ? true : value === '否' ? false : null;
    };
    const deployment = answer(/^-\s*是否需要部署\s*[：:]\s*(.+)$/m);
    if (deployment === null)
        return undefined;
    return {
        isDeploymentRequired: deployment,
        isSmokeRequired: answer(/^-\s*是否需要 smoke\s*[：:]\s*(.+)$/m)
    };
}
function toDecision(text, line) {
    const value = text.trim().toLowerCase();
    if (value === '是' || value === 'yes')
        return { value: 'yes', line };
    if (value === '否' || value === 'no')
        return { value: 'no', line };
    return { value: 'invalid', line, text };
}
function markerState(file) {
    const stat = lstatOf(file);
    if (!stat)
        return 'absent';
    return stat.isFile() ? 'present' : 'not-a-file';
}
function listFiles(root, folder) {
    return entriesUnder(external_node_path_default().join(root, folder))
        .filter(entry => entry.isFile())
        .map(entry => external_node_path_default().relative(root, external_node_path_default().join(entry.parentPath, entry.name)))
        .sort();
}

;// CONCATENATED MODULE: ./src/openlogos/next-step.ts
function isSmokeNext(proposal) {
    const decided = proposal.decisions.asOpenLogosReads;
    const answer = decided
        ? decided.isSmokeRequired
        : (proposal.project.gates[proposal.module]?.smoke_required ?? null);
    return answer ?? proposal.hasSmokeCases;
}

;// CONCATENATED MODULE: ./src/core/atomic-file.ts
/** Files replaced whole or not at all: written beside their target, then renamed over it. */



/** `mode`: the permission bits the file gets (a rewritten file keeps its own). */
async function writeFileAtomic(file, content, mode) {
    await external_node_fs_namespaceObject.promises.mkdir(external_node_path_default().dirname(file), { recursive: true });
    const temporary = external_node_path_default().join(external_node_path_default().dirname(file), `.${external_node_path_default().basename(file)}.${randomBytesOf(6).toString('hex')}.tmp`);
    try {
        await external_node_fs_namespaceObject.promises.writeFile(temporary, content, { flag: 'wx' });
        if (mode !== undefined)
            await external_node_fs_namespaceObject.promises.chmod(temporary, mode);
        await external_node_fs_namespaceObject.promises.rename(temporary, file);
    }
    catch (error) {
        await external_node_fs_namespaceObject.promises.rm(temporary, { force: true });
        throw error;
    }
}
/**
 * The same, synchronously, for a small file rewritten many times in a run (the journal, twice per
 * step). Each version is written as a new file beside `file`, which is a symbolic link switched to
 * it: ext4 writes a file's data out at once when a new file is renamed over an old one
 * (auto_da_alloc), about half a millisecond each time on a busy runner, but not when a link
 * replaces a link. A reader of `file` sees the old version or the new one, never part of either.
 * The version replaced is removed; the writer remembers it, and asks the link only the first time
 * (another process may have written the file before).
 */
function versionedFile(file) {
    const folder = external_node_path_default().dirname(file);
    const name = external_node_path_default().basename(file);
    const link = external_node_path_default().join(folder, `.${name}.${process.pid}.link`);
    let current;
    let isCurrentKnown = false;
    return {
        write: content => {
            if (!isCurrentKnown) {
                // Only a version of this very file, in its folder: the link may have been tampered with.
                const target = linkTarget(file);
                current = target !== undefined && isVersionOf(name, target) ? target : undefined;
                isCurrentKnown = true;
            }
            const version = `${name}.${process.pid}.${++versions}`;
            try {
                (0,external_node_fs_namespaceObject.writeFileSync)(external_node_path_default().join(folder, version), content, { flag: 'wx' });
                (0,external_node_fs_namespaceObject.symlinkSync)(version, link);
                (0,external_node_fs_namespaceObject.renameSync)(link, file);
            }
            catch (error) {
                removeIfThere(external_node_path_default().join(folder, version));
                removeIfThere(link);
                throw error;
            }
            if (current !== undefined)
                removeIfThere(external_node_path_default().join(folder, current));
            current = version;
        }
    };
}
let versions = 0;
function linkTarget(file) {
    try {
        return (0,external_node_fs_namespaceObject.readlinkSync)(file);
    }
    catch {
        return undefined;
    }
}
function isVersionOf(name, target) {
    return target.startsWith(`${name}.`) && /^\d+\.\d+$/.test(target.slice(name.length + 1));
}
function removeIfThere(file) {
    try {
        (0,external_node_fs_namespaceObject.unlinkSync)(file);
    }
    catch {
        // already gone
    }
}

;// CONCATENATED MODULE: ./src/core/project-files.ts
/**
 * Files of the project the action reads as input or writes (the report, tasks.md, the markers, the
 * plan): each must be a regular file, or absent, at a real path inside the project root. A symbolic
 * link anywhere on the way that leads out of the project, a final link, a FIFO or a device is
 * refused, so that no write lands outside the project and no read copies bytes from outside it
 * (a report linked to /proc/self/environ would copy the whole environment, token included).
 * Writes replace the file atomically and keep its mode.
 */







/** Why the action may not read or write `relative` under `root`; undefined when it may. */
function projectFileProblem(root, relative) {
    const absolute = external_node_path_default().resolve(root, relative);
    if (!isInside(root, absolute))
        return messages_say.outsideRoot(relative);
    const realRoot = external_node_fs_namespaceObject.realpathSync.native(root);
    // Every existing folder on the way must really be inside the project.
    let folder = external_node_path_default().dirname(absolute);
    while (!exists(folder) && folder !== external_node_path_default().dirname(folder))
        folder = external_node_path_default().dirname(folder);
    const realFolder = external_node_fs_namespaceObject.realpathSync.native(folder);
    if (!isInside(realRoot, realFolder))
        return messages_say.linkOut(relative, external_node_path_default().join(realFolder, external_node_path_default().relative(folder, absolute)));
    const stat = lstatOf(absolute);
    if (stat?.isSymbolicLink())
        return messages_say.isLink(relative);
    if (stat && !stat.isFile())
        return messages_say.notRegular(relative);
    return undefined;
}
/** The fix that goes with every problem above. */
const PROJECT_FILE_FIX = messages_say.projectFileFix;
/** A project file the action refused to read or write, with why and the fix. */
class ProjectFileError extends MessageError {
    constructor(problem) {
        super(messages_say.refusedFile(problem, PROJECT_FILE_FIX));
    }
}
/** The file's text, or undefined when it does not exist; refuses what projectFileProblem refuses. */
function readProjectFile(root, relative) {
    const problem = projectFileProblem(root, relative);
    if (problem)
        throw new ProjectFileError(problem);
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(external_node_path_default().resolve(root, relative), 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
/** Replaces the file whole, keeping its mode; refuses what projectFileProblem refuses. */
async function writeProjectFile(root, relative, content) {
    const problem = projectFileProblem(root, relative);
    if (problem)
        throw new ProjectFileError(problem);
    const absolute = external_node_path_default().resolve(root, relative);
    const mode = lstatOf(absolute)?.mode;
    await writeFileAtomic(absolute, content, mode === undefined ? undefined : mode & 0o7777);
}
function exists(file) {
    return lstatOf(file) !== undefined;
}

;// CONCATENATED MODULE: ./src/openlogos/file-checks.ts
/**
 * Do the files a real run writes stay inside the project? The report file, and the proposal's
 * tasks.md and markers: each must be a regular file or absent, at a real path inside the project.
 * Checked before anything runs, so that a link out of the project refuses the run instead of
 * receiving its writes.
 */





const TITLE = openlogos_messages_say.filesTitle;
function checkProjectFiles(input) {
    const files = [
        input.reportPath,
        ...(input.proposalFolder === undefined
            ? []
            : ['tasks.md', MARKER.deployDone, MARKER.smokePass, MARKER.smokeFail].map(name => `${input.proposalFolder ?? ''}/${name}`))
    ];
    const problems = files.flatMap(file => {
        const problem = projectFileProblem(input.root, file);
        return problem ? [problem] : [];
    });
    if (problems.length === 0)
        return passed(TITLE, listOf(files));
    const detail = joinMessages(problems, SEPARATOR.clause);
    return input.isDryRun
        ? wouldRefuse(TITLE, detail, PROJECT_FILE_FIX)
        : failed(TITLE, detail, PROJECT_FILE_FIX);
}

;// CONCATENATED MODULE: ./src/openlogos/report-file.ts
/**
 * The OpenLogos deployment report: one cumulative Markdown file, newest entry on top, entries
 * separated by a line `---`. Older entries are kept byte for byte. Each entry of ours carries a
 * hidden record line, which is how a later run finds the last successful deployment without GitHub.
 *
 * A record is read only where the action writes one, the first line of an entry, and only when
 * every field has the form the action gives it. Text that is not the action's own (step output in
 * an entry, an edit by hand) cannot place one there: the renderer never lets such text open an
 * HTML comment.
 */


/** Opens the hidden record line at the top of each entry of ours. */
const RECORD_PREFIX = '<!-- deploy-executor-record ';
const RECORD_PATTERN = /^<!-- deploy-executor-record (\{.*\}) -->$/;
/** A line `---` with blank lines around it: what separates entries. */
const report_file_SEPARATOR = /\n---\n\n/;
const digestOf = (text) => nodeCrypto().createHash('sha256').update(text).digest('hex');
/**
 * Puts this run's entry on top of the report file, atomically. Given the entry an earlier pass of
 * this run wrote (the main step, finished by the post step), replaces that exact text where it
 * stands; when it is no longer in the file unchanged (someone edited it), the new entry goes on
 * top and everything in the file is kept: a duplicate entry is better than a lost one.
 */
async function writeReportEntry(root, reportPath, runKey, entry, replacing) {
    const existing = readProjectFile(root, reportPath) ?? '';
    const body = entry.endsWith('\n') ? entry : `${entry}\n`;
    const at = replacing ? findWritten(existing, replacing) : -1;
    if (at >= 0 && replacing) {
        const before = existing.slice(0, at);
        const after = existing.slice(at + replacing.length);
        const written = after === '' ? body : `${body}${ENTRY_SEPARATOR}`;
        await writeProjectFile(root, reportPath, `${before}${written}${after}`);
        return { runKey, length: written.length, digest: digestOf(written) };
    }
    const written = existing === '' ? body : `${body}${ENTRY_SEPARATOR}`;
    await writeProjectFile(root, reportPath, `${written}${existing}`);
    return { runKey, length: written.length, digest: digestOf(written) };
}
const ENTRY_SEPARATOR = '\n---\n\n';
/** Where the text a pass wrote still stands unchanged: a line starting with its record, then the digest. */
function findWritten(text, written) {
    for (let at = text.indexOf(RECORD_PREFIX); at >= 0; at = text.indexOf(RECORD_PREFIX, at + 1)) {
        const isLineStart = at === 0 || text[at - 1] === '\n';
        if (isLineStart && digestOf(text.slice(at, at + written.length)) === written.digest)
            return at;
    }
    return -1;
}
/** The record lines at the start of the file and right after each separator, newest first. */
function readRecords(text) {
    const records = [];
    for (const entry of text.split(report_file_SEPARATOR)) {
        const match = RECORD_PATTERN.exec(entry.split('\n', 1)[0] ?? '');
        if (!match)
            continue;
        try {
            const record = JSON.parse(match[1] ?? '');
            if (isRecord(record))
                records.push(record);
        }
        catch {
            // a damaged record line is skipped, not trusted
        }
    }
    return records;
}
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** As the version input allows it (inputs.ts), and as tags are named. */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.+/-]{0,99}$/;
const STATUSES = new Set(['success', 'failure', 'rolled-back', 'cancelled']);
/** A record exactly as the action writes one; anything else is not trusted. */
function isRecord(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const item = value;
    const optional = (key, pattern) => item[key] === undefined || (typeof item[key] === 'string' && pattern.test(item[key]));
    return (typeof item['environment'] === 'string' &&
        NAME.test(item['environment']) &&
        typeof item['status'] === 'string' &&
        STATUSES.has(item['status']) &&
        typeof item['version'] === 'string' &&
        VERSION_PATTERN.test(item['version']) &&
        typeof item['finishedAt'] === 'string' &&
        !Number.isNaN(Date.parse(item['finishedAt'])) &&
        optional('sha', /^[0-9a-f]{7,64}$/) &&
        optional('proposal', NAME) &&
        optional('run', /^[\w.-]{1,200}$/) &&
        (item['mode'] === undefined || item['mode'] === 'rollback') &&
        optional('replaces', VERSION_PATTERN) &&
        (item['markers'] === undefined || typeof item['markers'] === 'boolean'));
}
/** The entries of the report file, newest first, as their record lines describe them. */
function readDeploymentRecords(root, reportPath) {
    let text;
    try {
        text = readProjectFile(root, reportPath);
    }
    catch {
        // A report that may not be read (a link out of the project) holds no record to trust.
    }
    return readRecords(text ?? '');
}
/**
 * The versions `environment` ran, newest first, as the report file records them: each successful
 * deployment, and each rollback on demand that put a version back; a version a rollback on demand
 * replaced is left out from there on, as one found bad.
 */
function liveDeployments(root, reportPath, environment) {
    const records = readDeploymentRecords(root, reportPath);
    const replaced = new Set();
    const live = [];
    for (const record of records) {
        if (record.environment !== environment)
            continue;
        const isRollback = record.mode === 'rollback';
        if (isRollback ? record.status !== 'rolled-back' : record.status !== 'success')
            continue;
        if (!replaced.has(record.version))
            live.push(record);
        if (isRollback && record.replaces)
            replaced.add(record.replaces);
    }
    return live;
}
/** The newest deployment to `environment` the report file records as live. */
function lastSuccessfulDeployment(root, reportPath, environment) {
    return liveDeployments(root, reportPath, environment)[0];
}

;// CONCATENATED MODULE: ./src/openlogos/repeat-checks.ts
/**
 * Repeat runs: a proposal already deployed (DEPLOY_DONE) is deployed again only on request, and a
 * run that stopped between writing its report entry and its markers is noticed and explained.
 */




function checkRepeat(proposal, settings) {
    const title = openlogos_messages_say.repeatTitle;
    const marker = `${proposal.folder}/${MARKER.deployDone}`;
    const state = proposal.markers[MARKER.deployDone];
    if (state === 'not-a-file') {
        return [failed(title, openlogos_messages_say.markerNotAFile(marker), openlogos_messages_say.markerNotAFileRemoveFix)];
    }
    if (state === 'present') {
        const detail = openlogos_messages_say.deployedBefore(marker);
        if (settings.redeploy)
            return [warned(title, openlogos_messages_say.redeploying(detail), openlogos_messages_say.redeployingFix)];
        const fix = openlogos_messages_say.deployedBeforeFix;
        return [settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix)];
    }
    const records = readDeploymentRecords(settings.projectRoot, settings.reportPath);
    const last = records.find(record => record.proposal === proposal.slug);
    if (last?.status === 'success' && last.markers !== false) {
        const detail = openlogos_messages_say.halfRecorded(settings.reportPath, proposal.slug, last.environment, last.finishedAt, MARKER.deployDone);
        const fix = openlogos_messages_say.halfRecordedFix;
        return [
            settings.redeploy || settings.isDryRun
                ? warned(title, detail, fix)
                : failed(title, detail, fix)
        ];
    }
    return [passed(title, openlogos_messages_say.notDeployedYet(MARKER.deployDone))];
}

;// CONCATENATED MODULE: ./src/openlogos/verify-gate.ts
/**
 * "Verification passed", judged by the verify gate OpenLogos resolves (flow.ts): `fail_when` first,
 * then `done_when`, each a marker file of the proposal or a command. A dry run shows a command gate
 * and leaves it to the real run; a real run evaluates it, as `openlogos deploy-done` does.
 */


const verify_gate_TITLE = openlogos_messages_say.gateTitle;
async function checkVerifyGate(proposal, flow, options) {
    if (flow.kind === 'invalid')
        return failed(verify_gate_TITLE, flow.problem, openlogos_messages_say.overlayFix);
    const { gate } = flow;
    const evaluate = async (predicate) => {
        if (predicate.kind === 'marker') {
            const isMet = proposal.markers[predicate.name] === 'present';
            const file = `${proposal.folder}/${predicate.name}`;
            return { isMet, detail: isMet ? openlogos_messages_say.markerPresent(file) : openlogos_messages_say.markerAbsent(file) };
        }
        if (options.isDryRun || !options.runCommand)
            return { pending: openlogos_messages_say.commandPending(predicate.command, gate.source) };
        const result = await options.runCommand(predicate.command, gate.timeoutMs);
        return { isMet: result.isPassed, detail: openlogos_messages_say.commandResult(predicate.command, result.detail) };
    };
    const fix = openlogos_messages_say.gateFix;
    if (gate.failWhen) {
        const failing = await evaluate(gate.failWhen);
        if ('pending' in failing)
            return warned(verify_gate_TITLE, openlogos_messages_say.failWhenPending(failing.pending), fix);
        if (failing.isMet)
            return failed(verify_gate_TITLE, openlogos_messages_say.failWhenMet(failing.detail), fix);
    }
    const done = await evaluate(gate.doneWhen);
    if ('pending' in done)
        return warned(verify_gate_TITLE, openlogos_messages_say.doneWhenPending(done.pending), fix);
    return done.isMet
        ? passed(verify_gate_TITLE, openlogos_messages_say.doneWhenMet(done.detail))
        : failed(verify_gate_TITLE, openlogos_messages_say.doneWhenNotMet(done.detail), fix);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/locales/zh-CN.js

const zh_CN_error = () => {
    const Sizable = {
        string: { unit: "字符", verb: "包含" },
        file: { unit: "字节", verb: "包含" },
        array: { unit: "项", verb: "包含" },
        set: { unit: "项", verb: "包含" },
        map: { unit: "项", verb: "包含" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "输入",
        email: "电子邮件",
        url: "URL",
        emoji: "表情符号",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO日期时间",
        date: "ISO日期",
        time: "ISO时间",
        duration: "ISO时长",
        ipv4: "IPv4地址",
        ipv6: "IPv6地址",
        mac: "MAC地址",
        cidrv4: "IPv4网段",
        cidrv6: "IPv6网段",
        base64: "base64编码字符串",
        base64url: "base64url编码字符串",
        json_string: "JSON字符串",
        e164: "E.164号码",
        credit_card: "信用卡号",
        currency_code: "货币代码",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "输入",
    };
    const TypeDictionary = {
        nan: "NaN",
        number: "数字",
        array: "数组",
        null: "空值(null)",
    };
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = TypeDictionary[issue.expected] ?? issue.expected;
                const receivedType = parsedType(issue.input);
                const received = TypeDictionary[receivedType] ?? receivedType;
                if (/^[A-Z]/.test(issue.expected)) {
                    return `无效输入：期望 instanceof ${issue.expected}，实际接收 ${received}`;
                }
                return `无效输入：期望 ${expected}，实际接收 ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `无效输入：期望 ${stringifyPrimitive(issue.values[0])}`;
                return `无效选项：期望以下之一 ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `数值过大：期望 ${issue.origin ?? "值"} ${adj}${issue.maximum.toString()} ${sizing.unit ?? "个元素"}`;
                return `数值过大：期望 ${issue.origin ?? "值"} ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `数值过小：期望 ${issue.origin} ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `数值过小：期望 ${issue.origin} ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with")
                    return `无效字符串：必须以 "${_issue.prefix}" 开头`;
                if (_issue.format === "ends_with")
                    return `无效字符串：必须以 "${_issue.suffix}" 结尾`;
                if (_issue.format === "includes")
                    return `无效字符串：必须包含 "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `无效字符串：必须满足正则表达式 ${_issue.pattern}`;
                return `无效${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `无效数字：必须是 ${issue.divisor} 的倍数`;
            case "unrecognized_keys":
                return `出现未知的键(key): ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `${issue.origin} 中的键(key)无效`;
            case "invalid_union":
                return "无效输入";
            case "invalid_element":
                return `${issue.origin} 中包含无效值(value)`;
            default:
                return `无效输入`;
        }
    };
};
/* harmony default export */ function zh_CN() {
    return {
        localeError: zh_CN_error(),
    };
}

;// CONCATENATED MODULE: ./src/core/zod-messages.ts
/**
 * zod keeps one message per issue; these helpers let the schemas of the plan and of the inputs
 * speak both languages anyway. A custom issue carries its Chinese in `params`; a fixed `error`
 * text is looked up by its English; zod's own messages get the Chinese of zod's zh-CN locale.
 */



const known = new Map();
const zodChinese = zh_CN().localeError;
/** The text to give a schema's `error` option: its Chinese is found again by issueMessage. */
function errorText(message) {
    known.set(message.en, message);
    return message.en;
}
/** A custom issue for `ctx.addIssue`, in both languages. */
function customIssue(message, path) {
    return {
        code: 'custom',
        message: message.en,
        params: { zh: message.zh },
        ...(path ? { path } : {})
    };
}
/**
 * An issue raised inside a transform: zod/mini's transforms get the parse payload, which has no
 * `addIssue` of its own (a refinement's context has one).
 */
function addIssue(ctx, issue) {
    ctx.issues.push({ ...issue, input: ctx.value });
}
/** A copy of `schema` that says `description` in the JSON Schema, as classic zod's describe(). */
function described(schema, description) {
    const copy = clone(schema);
    globalRegistry.add(copy, { description });
    return copy;
}
/** What an issue says, in both languages; parse with `reportInput: true` for zod's own words. */
function issueMessage(issue) {
    const params = issue.params;
    if (issue.code === 'custom' && typeof params?.['zh'] === 'string')
        return { en: issue.message, zh: params['zh'] };
    const found = known.get(issue.message);
    if (found)
        return found;
    const said = zodChinese(issue);
    const zh = typeof said === 'string' ? said : said?.message;
    return { en: issue.message, zh: zh ? fullWidth(zh) : issue.message };
}
/** zod's Chinese has a few ASCII brackets and colons in it: Chinese punctuation instead. */
function fullWidth(text) {
    return text
        .replace(/([\u4e00-\u9fff])\(([^)]*)\)/g, '$1（$2）')
        .replace(/([\u4e00-\u9fff）]): /g, '$1：');
}

// EXTERNAL MODULE: ./node_modules/gray-matter/index.js
var gray_matter = __nccwpck_require__(9599);
var gray_matter_default = /*#__PURE__*/__nccwpck_require__.n(gray_matter);
;// CONCATENATED MODULE: ./src/plan/front-matter.ts
/**
 * Splits a Markdown file into its YAML front matter and body, so that every error can name a
 * line. gray-matter finds the block; its JavaScript and CoffeeScript engines (which `eval` the
 * front matter) are replaced by ones that refuse.
 */


const OPENING = /^\uFEFF?---([^\r\n]*)\r?\n/;
class RefusedLanguage extends Error {
}
function refuse() {
    throw new RefusedLanguage('front matter languages other than YAML are never evaluated');
}
/** True when the text opens with a front matter block (any language). */
function hasFrontMatter(text) {
    return OPENING.test(text);
}
async function readFrontMatter(text) {
    const opening = OPENING.exec(text);
    if (!opening)
        return { kind: 'none' };
    const language = (opening[1] ?? '').trim().toLowerCase();
    if (language !== '' && language !== 'yaml' && language !== 'yml') {
        return { kind: 'refused', language };
    }
    let yamlText;
    try {
        gray_matter_default()(text, {
            language: 'yaml',
            engines: {
                yaml: (source) => {
                    yamlText = source.replace(/\r\n?/g, '\n');
                    return {};
                },
                js: refuse,
                javascript: refuse,
                coffee: refuse,
                coffeescript: refuse,
                cson: refuse
            }
        });
    }
    catch (error) {
        if (error instanceof RefusedLanguage)
            return { kind: 'refused', language };
        throw error;
    }
    if (yamlText === undefined)
        return { kind: 'none' };
    return parseFast(yamlText) ?? (await parseCarefully(yamlText));
}
/** Anchors and aliases go to the careful parser, which bounds how far aliases may expand. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][\w-]/m;
/**
 * The common case, fast: js-yaml (YAML 1.2 core schema, as `yaml` reads it) parses several times
 * quicker, which a 2,000-step plan notices. Source positions are only needed to report an error,
 * so the `yaml` document that has them is built then, and only then. Anything unusual (an error,
 * anchors) takes the careful path from the start.
 */
function parseFast(source) {
    if (ANCHOR_OR_ALIAS.test(source))
        return undefined;
    let data;
    try {
        data = (0,js_yaml.load)(source, { schema: js_yaml.CORE_SCHEMA });
    }
    catch {
        return undefined;
    }
    let careful;
    const locate = async (path) => {
        careful ??= parseCarefully(source);
        const parsed = await careful;
        return parsed.kind === 'parsed' ? parsed.locate(path) : undefined;
    };
    return { kind: 'parsed', data, locate };
}
/** The `yaml` library, with positions and alias limits, is loaded only when it is needed. */
async function parseCarefully(source) {
    const { parseWithPositions } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(797)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6797));
    return parseWithPositions(source);
}

;// CONCATENATED MODULE: ./src/plan/draft.ts
/**
 * A draft front matter for a plan that is still prose, as the OpenLogos deployment-designer writes
 * it: numbered sections (一、部署目标 … 四、构建与发布命令 …, or their English names), commands as
 * inline code in bullets or in fenced blocks. Only shell commands of the build, release and deploy
 * sections become steps; checks, smoke tests, rollback prose and OpenLogos' own lifecycle commands
 * (`openlogos smoke`, `openlogos deploy-done`, …) never do. Environments and secret names come
 * from what the prose mentions. Every value a person must decide is a `<TODO: …>` placeholder,
 * which pre-flight refuses until it is replaced: a draft pasted unedited never runs.
 *
 * Nothing here runs anything.
 */
/** Opens every value a person must still decide; the plan schema refuses a plan holding one. */

const PLACEHOLDER = '<TODO';
/** Where a plan still holds a draft placeholder: the key path of each. */
function placeholderPaths(value, path = []) {
    if (typeof value === 'string')
        return value.includes(PLACEHOLDER) ? [path] : [];
    if (Array.isArray(value))
        return value.flatMap((item, index) => placeholderPaths(item, [...path, index]));
    if (typeof value !== 'object' || value === null)
        return [];
    return Object.entries(value).flatMap(([key, item]) => placeholderPaths(item, [...path, key]));
}
/** Where the commands that deploy are written. */
const RELEASE = /build|release|deploy|publish|roll ?out|ship|构建|发布|部署|上线/i;
/** Sections that check, test, undo or describe: nothing there is a deployment step. */
const NOT_RELEASE = /check|verif|smoke|test|rollback|roll back|revert|gate|topolog|variable|secret|migration strategy|target|检查|验证|冒烟|测试|回滚|门禁|拓扑|变量|密钥|目标|结论|决策|策略/i;
/** Programs a deployment command starts with; anything else must look like a path to a script. */
const PROGRAMS = new Set(('npm npx pnpm yarn bun deno node git docker docker-compose podman kubectl helm kustomize make ' +
    'bash sh cd cp mv rm mkdir ln rsync scp ssh curl wget tar unzip terraform pulumi aws gcloud az ' +
    'python python3 pip pip3 poetry go cargo mvn gradle ./gradlew dotnet vercel netlify firebase ' +
    'wrangler flyctl fly heroku ansible-playbook psql mysql redis-cli systemctl sudo export env').split(' '));
/** OpenLogos' own lifecycle: a person runs these, never a deployment plan. */
const LIFECYCLE = /^openlogos(\s|$)/;
const ENVIRONMENTS = [
    [/\bstaging\b|预发布?|预生产/i, 'staging'],
    [/\bproduction\b|\bprod\b|生产环境|正式环境|线上环境/i, 'production'],
    [/\bpreview\b|预览环境/i, 'preview']
];
/** OpenLogos' marker files (VERIFY_PASS, SMOKE_PASS, ...) that plans mention: never secrets. */
const OPENLOGOS_MARKERS = new Set(Object.values(MARKER));
/** Names that hold credentials: tokens, keys, passwords, and connection strings. */
const SECRET_NAME = /\b(?:[A-Z][A-Z0-9]*_)+(?:TOKEN|SECRET|KEY|PASSWORD|PASS|CREDENTIALS?|DSN)\b|\b(?:[A-Z][A-Z0-9]*_)*(?:DATABASE|DB|REDIS|MONGO|MONGODB|POSTGRES|MYSQL|AMQP)_URL\b/g;
function draftFrontMatter(markdown, known = {}) {
    const sections = splitSections(markdown.replace(/^\uFEFF/, ''));
    const commands = dedupe(sections.filter(isRelease).flatMap(commandsOf));
    const mentioned = ENVIRONMENTS.filter(([pattern]) => pattern.test(markdown)).map(([, name]) => name);
    const environments = unique([...(known.environments ?? []), ...mentioned]);
    const secrets = unique([...markdown.matchAll(SECRET_NAME)].map(match => match[0]))
        .filter(name => !OPENLOGOS_MARKERS.has(name))
        .sort();
    return {
        commands,
        environments,
        secrets,
        frontMatter: render(commands, environments.length > 0 ? environments : ['staging'], secrets)
    };
}
function splitSections(markdown) {
    const sections = [];
    const stack = [];
    let current = { title: '', parents: [], lines: [] };
    let fence;
    for (const line of markdown.split(/\r?\n/)) {
        const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
        if (opening)
            fence = fence === undefined ? opening[1] : line.trim().startsWith(fence) ? undefined : fence;
        const heading = fence === undefined ? /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
        if (!heading) {
            current.lines.push(line);
            continue;
        }
        const level = heading[1]?.length ?? 1;
        while ((stack.at(-1)?.level ?? 0) >= level)
            stack.pop();
        sections.push(current);
        current = { title: heading[2] ?? '', parents: stack.map(item => item.title), lines: [] };
        stack.push({ level, title: heading[2] ?? '' });
    }
    sections.push(current);
    return sections;
}
/**
 * A section whose own title says it builds, releases or deploys, and says nothing of checking,
 * testing or undoing; a subsection may be one inside a section that is not ("### 部署" under
 * "二十一、… 发布检查").
 */
function isRelease(section) {
    const title = section.title.replace(/^[一二三四五六七八九十百\d.、\s]+/, '');
    return RELEASE.test(title) && !NOT_RELEASE.test(title);
}
function commandsOf(section) {
    const found = [];
    let fence;
    for (const line of section.lines) {
        const opening = /^\s{0,3}(`{3,}|~{3,})\s*(\w*)/.exec(line);
        if (fence) {
            if (line.trim().startsWith(fence.marker))
                fence = undefined;
            else if (fence.isShell) {
                const command = line.trim().replace(/^\$\s+/, '');
                if (isShellCommand(command))
                    found.push({ label: section.title, command, section: section.title });
            }
            continue;
        }
        if (opening) {
            fence = {
                marker: opening[1] ?? '```',
                isShell: /^(|sh|bash|shell|zsh|console)$/i.test(opening[2] ?? '')
            };
            continue;
        }
        const bullet = /^\s*(?:[-*+]|\d+[.)、])\s+(.*)$/.exec(line);
        const text = bullet?.[1] ?? line;
        const label = text.split(/[:：`]/)[0]?.trim() ?? '';
        for (const match of text.matchAll(/`([^`\n]+)`/g)) {
            const command = (match[1] ?? '').trim();
            if (isShellCommand(command))
                found.push({ label: label || section.title, command, section: section.title });
        }
    }
    return found;
}
/** A command a shell would run: a known program or a script path, with something to do. */
function isShellCommand(text) {
    if (LIFECYCLE.test(text) || text.includes('\n'))
        return false;
    const first = text.split(/\s+/)[0] ?? '';
    if (/^\.{0,2}\/[\w./-]+$/.test(first))
        return true;
    return PROGRAMS.has(first) && text.split(/\s+/).length > 1;
}
function dedupe(commands) {
    return commands.filter((item, index) => commands.findIndex(other => other.command === item.command) === index);
}
function unique(values) {
    return [...new Set(values)];
}
const quote = (text) => JSON.stringify(text);
/** A command with `<placeholders>` in it cannot run as written: it is kept, marked to be completed. */
function runOf(command) {
    return /<[^>]+>/.test(command) ? `${PLACEHOLDER}: complete this command> ${command}` : command;
}
function render(commands, environments, secrets) {
    const ids = new Set();
    const lines = [
        '---',
        'deploy-executor: 1',
        '# Drafted by deploy-executor init from the prose below. Review every step, then replace each',
        `# ${PLACEHOLDER}: …> value: pre-flight refuses the plan while one is left.`,
        'environments:',
        ...environments.map(name => `  ${name}:\n    url: ${quote(`${PLACEHOLDER}: the URL of ${name}, or remove this line>`)}`)
    ];
    if (secrets.length > 0) {
        lines.push('# Names the prose mentions that look like secrets: each must be set for a real run.');
        lines.push(`secrets: [${secrets.join(', ')}]`);
    }
    lines.push('steps:');
    const steps = commands.length > 0
        ? commands
        : [{ label: 'release', command: `${PLACEHOLDER}: the release command>`, section: '' }];
    steps.forEach((item, index) => {
        lines.push(`  - id: ${stepId(item.label, index, ids)}`);
        if (item.label)
            lines.push(`    purpose: ${quote(item.label)}`);
        lines.push(`    run: ${quote(runOf(item.command))}`);
        lines.push(`    # rollback: a command that undoes this step`);
    });
    lines.push('health:', `  - name: ${quote('The site answers')}`, `    url: ${quote(`${PLACEHOLDER}: a health URL such as \${DEPLOY_URL}/healthz>`)}`, 'rollback:', '  steps:', '    - id: restore-previous', `      run: ${quote(`${PLACEHOLDER}: the command that puts $DEPLOY_PREVIOUS_VERSION back>`)}`, '---');
    return lines.join('\n');
}
function stepId(label, index, used) {
    const slug = label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40);
    let id = slug === '' || /^\d/.test(slug) ? `step-${index + 1}` : slug;
    if (used.has(id))
        id = `${id}-${index + 1}`;
    used.add(id);
    return id;
}

;// CONCATENATED MODULE: ./src/plan/schema.ts
/**
 * The executable deployment plan (format 1): the YAML front matter of an OpenLogos deployment plan.
 * This zod schema is the single source of the plan's types, of its validation and of the JSON
 * Schema in schema/plan.schema.json. Objects are strict: a misspelt key must never silently drop a
 * safety setting.
 *
 * Written with `zod/mini`, zod's functional API: the same checks and messages as the classic one,
 * but a bundle that holds only what is used and schemas that cost less to build, which every run
 * pays at start-up.
 */









/** A URL as it may be shown: `https://user:password@host` loses its `user:password@`. */
function withoutUserinfo(url) {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
/** The front matter key that makes a deployment plan executable, and the format it declares. */
const PLAN_FORMAT_KEY = 'deploy-executor';
const PLAN_FORMAT_VERSION = 1;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An optional member with its description, the most common shape of the plan's keys. */
function schema_optional(schema, description) {
    return described(optional(schema), description);
}
/** A whole number, optionally bounded: `min`/`max` carry the error text to give, if any. */
function schema_integer(bounds) {
    const checks = [schemas_int()];
    if (bounds.min !== undefined)
        checks.push(_gte(bounds.min, bounds.minError ? { error: bounds.minError } : undefined));
    if (bounds.max !== undefined)
        checks.push(_lte(bounds.max, bounds.maxError ? { error: bounds.maxError } : undefined));
    return schemas_number().check(...checks);
}
function schema_duration(options) {
    const maxMs = options.maxMs ?? MAX_DURATION_MS;
    return described(pipe(union([schemas_string(), schemas_number()]), transform((value, ctx) => {
        const ms = parseDurationMs(value);
        if (ms === undefined || (options.positive && ms === 0)) {
            const expected = options.positive ? messages_say.positiveDurationHint : messages_say.durationHint;
            addIssue(ctx, customIssue(plan_messages_say.schema.notDuration(String(value), expected)));
            return NEVER;
        }
        if (ms > maxMs) {
            addIssue(ctx, customIssue(plan_messages_say.schema.tooLong(String(value), formatDuration(maxMs))));
            return NEVER;
        }
        return ms;
    })), `A duration: ${DURATION_HINT}; at most ${formatDuration(maxMs)}.`);
}
const variableName = schemas_string()
    .check(_regex(VARIABLE_PATTERN, { error: errorText(plan_messages_say.schema.variableName) }));
/** YAML scalars become the strings a process environment holds. */
/** Names a plan may not set: bash runs their code before the step, or the runner reads them. */
const RESERVED = /^(BASH_ENV|ENV|GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY)$|^(INPUT_|ACTIONS_|STATE_|BASH_FUNC_)/;
const variables = pipe(record(variableName, union([schemas_string(), schemas_number(), schemas_boolean()])).check(superRefine((record, ctx) => {
    for (const name of Object.keys(record).filter(key => RESERVED.test(key)))
        ctx.addIssue(customIssue(plan_messages_say.schema.reserved(name), [name]));
})), transform((record) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]))));
const relativeDirectory = schemas_string().check(_minLength(1), refine((dir) => !external_node_path_default().isAbsolute(dir) && !external_node_path_default().normalize(dir).split((external_node_path_default()).sep).includes('..'), { error: errorText(plan_messages_say.schema.relativeDirectory) }));
const script = schemas_string().check(_trim(), _minLength(1, { error: errorText(plan_messages_say.schema.script) }));
/** Baseline samples a metric check may ask for: more says nothing a median of 25 does not. */
const MAX_BASELINE_SAMPLES = 25;
const baselineChange = described(pipe(union([
    schemas_number().check(_gte(0, { error: errorText(plan_messages_say.schema.negative) })),
    schemas_string().check(_regex(/^\d+(\.\d+)?%$/, { error: errorText(plan_messages_say.schema.percentage) }))
]), transform((value) => typeof value === 'number'
    ? { kind: 'amount', amount: value }
    : { kind: 'percent', percent: Number(value.slice(0, -1)) })), "How far from the baseline a sample may be: 'n%' of the baseline's size, or an amount in the metric's own unit.");
const metricFields = strictObject({
    max: schema_optional(schemas_number(), 'A sample above this fails the probe.'),
    min: schema_optional(schemas_number(), 'A sample below this fails the probe.'),
    baseline: schema_optional(strictObject({
        'max-increase': schema_optional(baselineChange, 'A sample more than this above the baseline fails the probe.'),
        'max-decrease': schema_optional(baselineChange, 'A sample more than this below the baseline fails the probe.'),
        samples: schema_optional(schema_integer({ min: 1, max: MAX_BASELINE_SAMPLES }), 'Samples of the baseline, taken before the first step; their median is it. Default 3.'),
        required: schema_optional(schemas_boolean(), 'false: a baseline that cannot be measured turns off the relative bounds only (and says so); default true: it refuses the deployment.')
    }), 'Bounds relative to the value measured before the first step.')
});
const metricSchema = described(pipe(metricFields.check(superRefine((metric, ctx) => {
    const change = metric.baseline?.['max-increase'] ?? metric.baseline?.['max-decrease'];
    if (metric.baseline && change === undefined)
        ctx.addIssue(customIssue(plan_messages_say.schema.baselineUnused, ['baseline']));
    if (metric.max === undefined && metric.min === undefined && !metric.baseline)
        ctx.addIssue(customIssue(plan_messages_say.schema.noBound));
    if (metric.max !== undefined && metric.min !== undefined && metric.min > metric.max)
        ctx.addIssue(customIssue(plan_messages_say.schema.minAboveMax(metric.min, metric.max), ['min']));
})), transform((metric) => ({
    max: metric.max,
    min: metric.min,
    baseline: metric.baseline && {
        maxIncrease: metric.baseline['max-increase'],
        maxDecrease: metric.baseline['max-decrease'],
        samples: metric.baseline.samples ?? 3,
        isRequired: metric.baseline.required ?? true
    }
}))), 'A metric check: the last line run prints is a number, judged by these bounds. Command checks only.');
const stepFields = strictObject({
    id: described(schemas_string().check(_regex(ID_PATTERN, { error: errorText(plan_messages_say.schema.id) })), 'Unique step id, used in logs, the report and DEPLOY_FAILED_STEP.'),
    name: schema_optional(schemas_string().check(_minLength(1)), 'Readable name; defaults to the id.'),
    purpose: schema_optional(schemas_string(), 'Why the step runs; said before it runs, in the log and the report.'),
    run: described(script, 'The bash script to run (bash --noprofile --norc -eo pipefail).'),
    target: schema_optional(schemas_string(), 'Runs only when this target is selected; absent means every selection.'),
    environments: schema_optional(array(schemas_string()).check(_minLength(1)), 'Runs only in these environments; absent means every environment.'),
    timeout: schema_optional(schema_duration({ positive: true }), "Kill the step after this long; default: the action's step-timeout input."),
    'working-directory': schema_optional(relativeDirectory, 'Directory to run in, relative to the project root; default: the project root.'),
    env: schema_optional(variables, 'Extra environment variables for this step.'),
    rollback: schema_optional(script, 'A bash script that undoes this step.'),
    'continue-on-error': schema_optional(schemas_boolean(), 'When true, a failure of this step does not stop the deployment.'),
    'per-target': schema_optional(schemas_boolean(), "Runs once for each selected target, with DEPLOY_TARGET and the target's variables; consecutive per-target steps are each target's pipeline.")
});
const stepSchema = pipe(stepFields.check(superRefine(exclusiveTarget)), transform((step) => ({
    id: step.id,
    name: step.name ?? step.id,
    purpose: step.purpose,
    run: step.run,
    target: step.target,
    environments: step.environments,
    timeoutMs: step.timeout,
    workingDirectory: step['working-directory'] ?? '.',
    env: step.env ?? {},
    rollback: step.rollback,
    continueOnError: step['continue-on-error'] ?? false,
    isPerTarget: step['per-target'] ?? false
})));
const statusCode = schema_integer({ min: 100, max: 599 });
const healthCheckFields = strictObject({
    name: schema_optional(schemas_string().check(_minLength(1)), 'Readable name; defaults to the url or command.'),
    url: schema_optional(schemas_string(), 'HTTP(S) URL to probe; ${NAME} is expanded from the step environment.'),
    run: schema_optional(script, 'A command check: exit code 0 is healthy.'),
    'expect-status': schema_optional(union([statusCode, array(statusCode)]), 'Healthy status code(s); default: any 2xx.'),
    'expect-body': schema_optional(schemas_string(), 'A substring the response body must contain.'),
    target: schema_optional(schemas_string(), 'Checked only when this target is selected.'),
    environments: schema_optional(array(schemas_string()).check(_minLength(1)), 'Checked only in these.'),
    interval: schema_optional(schema_duration({ positive: false, maxMs: MAX_PROBE_MS }), 'Pause between probes; default 5s.'),
    timeout: schema_optional(schema_duration({ positive: true, maxMs: MAX_PROBE_MS }), 'Limit of one probe; default 10s.'),
    retries: schema_optional(schema_integer({ min: 1, max: 1000, maxError: errorText(plan_messages_say.schema.retries) }), 'Probes until the first healthy answer; default 3.'),
    watch: schema_optional(schema_duration({ positive: false }), 'Keep probing this long after the first healthy answer; default 0.'),
    'failure-limit': schema_optional(schema_integer({ min: 0 }), 'Failed probes tolerated while watching; default 0.'),
    metric: optional(metricSchema),
    'per-target': schema_optional(schemas_boolean(), "Checked once for each selected target, at the end of its pipeline, ${NAME} expanded from the target's variables.")
});
const healthCheckSchema = pipe(healthCheckFields.check(superRefine(exclusiveTarget), superRefine((check, ctx) => {
    if ((check.url === undefined) === (check.run === undefined)) {
        ctx.addIssue(customIssue(plan_messages_say.schema.urlOrRun));
    }
    if (check.run !== undefined) {
        for (const key of ['expect-status', 'expect-body']) {
            if (check[key] !== undefined) {
                ctx.addIssue(customIssue(plan_messages_say.schema.urlOnly(key), [key]));
            }
        }
    }
    if (check.metric !== undefined && check.run === undefined)
        ctx.addIssue(customIssue(plan_messages_say.schema.metricOnCommand, ['metric']));
    if (check.metric?.baseline && check['per-target'])
        ctx.addIssue(customIssue(plan_messages_say.schema.perTargetBaseline, ['metric', 'baseline']));
    if (check.metric?.baseline) {
        const samples = check.metric.baseline.samples;
        const worstMs = samples * (check.timeout ?? 10_000) + (samples - 1) * (check.interval ?? 5_000);
        if (worstMs > MAX_DURATION_MS)
            ctx.addIssue(customIssue(plan_messages_say.schema.tooManySamples(samples, formatDuration(worstMs), formatDuration(MAX_DURATION_MS)), ['metric', 'baseline', 'samples']));
    }
    if (check.url !== undefined &&
        !/^(https?:\/\/|\$\{[A-Za-z_][A-Za-z0-9_]*\})/.test(check.url)) {
        ctx.addIssue(customIssue(plan_messages_say.schema.urlStart, ['url']));
    }
})), transform((check) => {
    const common = {
        target: check.target,
        environments: check.environments,
        intervalMs: check.interval ?? 5_000,
        timeoutMs: check.timeout ?? 10_000,
        retries: check.retries ?? 3,
        watchMs: check.watch ?? 0,
        failureLimit: check['failure-limit'] ?? 0,
        isPerTarget: check['per-target'] ?? false
    };
    if (check.run !== undefined) {
        return {
            kind: 'command',
            name: check.name ?? check.run,
            run: check.run,
            metric: check.metric,
            ...common
        };
    }
    const url = check.url ?? '';
    const status = check['expect-status'];
    return {
        kind: 'http',
        name: check.name ?? withoutUserinfo(url),
        url,
        expectStatus: status === undefined ? undefined : [status].flat(),
        expectBody: check['expect-body'],
        ...common
    };
}));
const targetFields = nullable(strictObject({
    primary: schema_optional(schemas_boolean(), 'The target `targets: primary` selects.'),
    description: optional(schemas_string()),
    enabled: schema_optional(schemas_boolean(), 'false: never deployed, whatever is asked.'),
    variables: schema_optional(variables, 'Variables of this target (a host, a URL, a region), for its per-target steps and checks.')
}));
const targetSchema = pipe(targetFields, transform((target) => ({
    isPrimary: target?.primary ?? false,
    description: target?.description,
    isEnabled: target?.enabled ?? true,
    variables: target?.variables ?? {}
})));
/** `max-parallel: 4` or `"25%"` of the selected targets. */
const maxParallel = pipe(union([
    schema_integer({ min: 1, minError: errorText(plan_messages_say.schema.atLeastOne) }),
    schemas_string().check(_regex(/^([1-9][0-9]?|100)%$/, { error: errorText(plan_messages_say.schema.maxParallel) }))
]), transform((value) => typeof value === 'number' ? { count: value } : { percent: Number(value.slice(0, -1)) }));
const rolloutFields = strictObject({
    'max-parallel': schema_optional(maxParallel, 'Targets whose pipelines run at once (a number, or a percent of the selected ones); default: all.'),
    pause: schema_optional(schema_duration({ positive: false }), 'Wait after each batch has passed, before the next starts; default 0.'),
    'max-failed-targets': schema_optional(schema_integer({ min: 0 }), 'Failed targets tolerated (each undone on its own); one more stops the rollout and rolls back; default 0.')
});
const rolloutSchema = described(pipe(rolloutFields, transform((rollout) => ({
    maxParallel: rollout['max-parallel'],
    pauseMs: rollout.pause ?? 0,
    maxFailedTargets: rollout['max-failed-targets'] ?? 0
}))), 'How per-target pipelines are paced: batches, the pause between them, the failures tolerated.');
const environmentFields = nullable(strictObject({
    url: schema_optional(schemas_string(), 'The URL of the deployed environment (DEPLOY_URL).'),
    description: optional(schemas_string()),
    variables: schema_optional(variables, 'Environment variables of every step here.')
}));
const environmentSchema = pipe(environmentFields, transform((environment) => ({
    url: environment?.url,
    description: environment?.description,
    variables: environment?.variables ?? {}
})));
const canarySchema = strictObject({
    steps: array(stepSchema).check(_minLength(1)),
    health: optional(array(healthCheckSchema)),
    watch: optional(schema_duration({ positive: false })),
    increments: schema_optional(array(schema_integer({
        min: 1,
        minError: errorText(plan_messages_say.schema.percent),
        max: 99,
        maxError: errorText(plan_messages_say.schema.percentNotPromotion)
    }))
        .check(_minLength(1), refine((list) => list.every((weight, index) => index === 0 || weight > (list[index - 1] ?? 0)), { error: errorText(plan_messages_say.schema.increasing) })), 'Traffic percents (1-99, increasing): canary.steps and their analysis run once per increment, with DEPLOY_CANARY_WEIGHT; the promotion then runs with 100.')
});
const planFields = strictObject({
    [PLAN_FORMAT_KEY]: described(literal(PLAN_FORMAT_VERSION, { error: errorText(plan_messages_say.schema.format(PLAN_FORMAT_VERSION)) }), 'Format version; marks the file as an executable plan.'),
    targets: schema_optional(record(schemas_string().check(_regex(NAME_PATTERN)), targetSchema), 'What can be deployed; absent means one implicit target named "default".'),
    environments: described(record(schemas_string().check(_regex(NAME_PATTERN)), environmentSchema).check(refine((record) => Object.keys(record).length > 0, {
        error: errorText(plan_messages_say.schema.environments)
    })), "The names the action's environment input may take."),
    secrets: schema_optional(array(variableName), 'Variables that must be set and non-empty for a real run; redacted everywhere.'),
    steps: array(stepSchema).check(_minLength(1, { error: errorText(plan_messages_say.schema.steps) })),
    health: schema_optional(array(healthCheckSchema), 'Post-deploy checks.'),
    rollout: optional(rolloutSchema),
    rollback: schema_optional(strictObject({ steps: array(stepSchema).check(_minLength(1)) }), "The plan's rollback strategy, run after the steps' own rollbacks."),
    canary: schema_optional(canarySchema, "Used when the action's mode is canary.")
});
const planSchema = pipe(planFields.check(superRefine((plan, ctx) => {
    checkReferences(plan, ctx);
    for (const path of placeholderPaths(plan))
        ctx.addIssue(customIssue(plan_messages_say.schema.placeholder, path));
})), transform((plan) => {
    const targets = plan.targets ?? {
        [IMPLICIT_TARGET]: { isPrimary: true, description: undefined, isEnabled: true, variables: {} }
    };
    return {
        targets,
        environments: plan.environments,
        secrets: plan.secrets ?? [],
        steps: plan.steps,
        health: plan.health ?? [],
        rollbackSteps: plan.rollback?.steps ?? [],
        rollout: plan.rollout ?? { maxParallel: undefined, pauseMs: 0, maxFailedTargets: 0 },
        canary: plan.canary && {
            steps: plan.canary.steps,
            health: plan.canary.health,
            watchMs: plan.canary.watch ?? 0,
            increments: plan.canary.increments
        }
    };
}));
const IMPLICIT_TARGET = 'default';
/** Ids unique across the plan; targets and environments named by steps and checks exist. */
function checkReferences(plan, ctx) {
    const targetNames = Object.keys(plan.targets ?? { [IMPLICIT_TARGET]: null });
    const environmentNames = Object.keys(plan.environments);
    const lists = [
        [['steps'], plan.steps],
        [['canary', 'steps'], plan.canary?.steps ?? []],
        [['rollback', 'steps'], plan.rollback?.steps ?? []]
    ];
    const seen = new Map();
    for (const [where, steps] of lists) {
        checkPipeline(steps, where, ctx);
        steps.forEach((step, index) => {
            const at = [...where, index];
            const first = seen.get(step.id);
            if (first) {
                ctx.addIssue(customIssue(plan_messages_say.schema.duplicateId(step.id, first), [...at, 'id']));
            }
            else
                seen.set(step.id, `${where.join('.')}[${index}]`);
            checkSelectors(step, at, targetNames, environmentNames, ctx);
        });
    }
    const checks = [
        [['health'], plan.health ?? []],
        [['canary', 'health'], plan.canary?.health ?? []]
    ];
    for (const [where, list] of checks) {
        list.forEach((check, index) => {
            checkSelectors(check, [...where, index], targetNames, environmentNames, ctx);
        });
    }
}
/** Per-target steps stand together: they are one pipeline each target goes through in order. */
function checkPipeline(steps, where, ctx) {
    if (where[0] === 'rollback') {
        steps.forEach((step, index) => {
            if (step.isPerTarget)
                ctx.addIssue(customIssue(plan_messages_say.schema.perTargetRollback, [...where, index, 'per-target']));
        });
        return;
    }
    const first = steps.findIndex(step => step.isPerTarget);
    if (first < 0)
        return;
    let last = first;
    while (steps[last + 1]?.isPerTarget)
        last++;
    const stray = steps.findIndex((step, index) => index > last && step.isPerTarget);
    if (stray >= 0)
        ctx.addIssue(customIssue(plan_messages_say.schema.perTargetApart(steps[stray]?.id ?? '', steps[last]?.id ?? ''), [
            ...where,
            stray,
            'per-target'
        ]));
}
/** A per-target step or check runs for every target: naming one target as well means nothing. */
function exclusiveTarget(item, ctx) {
    if (item['per-target'] && item.target !== undefined)
        ctx.addIssue(customIssue(plan_messages_say.schema.perTargetWithTarget, ['target']));
}
function checkSelectors(item, at, targetNames, environmentNames, ctx) {
    if (item.target !== undefined && !targetNames.includes(item.target)) {
        const message = plan_messages_say.schema.undeclaredTarget(item.target, listOf(targetNames));
        ctx.addIssue(customIssue(message, [...at, 'target']));
    }
    item.environments?.forEach((name, index) => {
        if (!environmentNames.includes(name)) {
            const message = plan_messages_say.schema.undeclaredEnvironment(name, listOf(environmentNames));
            ctx.addIssue(customIssue(message, [...at, 'environments', index]));
        }
    });
}

;// CONCATENATED MODULE: ./src/plan/loader.ts
/**
 * Finds the deployment plan of a project, reads its front matter and validates it against the
 * plan schema. Every problem comes back as a PlanIssue naming the file, the key path and the line.
 */














const EXECUTABLE_KEY = new RegExp(`^${PLAN_FORMAT_KEY}\\s*:`, 'm');
/** Finds and loads the plan: the `plan` input when given, else discovery in the plan folder. */
async function loadPlan(root, planInput, module) {
    const found = planInput ? explicitPlan(root, planInput) : discoverPlan(root, module);
    if ('issue' in found)
        return { kind: 'invalid', issues: [found.issue] };
    return readPlanFile(root, found.file);
}
function explicitPlan(root, planInput) {
    const absolute = external_node_path_default().resolve(root, planInput);
    if (!isInside(root, absolute)) {
        const message = plan_messages_say.load.outside(planInput, root);
        return { issue: { file: planInput, message } };
    }
    return { file: external_node_path_default().relative(root, absolute) };
}
function discoverPlan(root, module) {
    const folder = OPENLOGOS.planDir;
    const names = namesIn(external_node_path_default().join(root, folder))
        .filter(name => name.endsWith('.md'))
        .sort();
    if (names.length === 0) {
        const message = plan_messages_say.load.none(folder, module);
        return { issue: { file: folder, message } };
    }
    const executable = [];
    for (const name of names) {
        const file = `${folder}/${name}`;
        if (isExecutablePlan(external_node_path_default().join(root, file)))
            executable.push(file);
    }
    if (executable.length === 0) {
        const preferred = names.find(name => name.startsWith(`${module}-`)) ?? names[0] ?? '';
        return { file: `${folder}/${preferred}` };
    }
    if (executable.length === 1)
        return { file: executable[0] ?? '' };
    const ofModule = executable.filter(file => external_node_path_default().basename(file).startsWith(`${module}-`));
    if (ofModule.length === 1)
        return { file: ofModule[0] ?? '' };
    const message = plan_messages_say.load.several(listOf(executable), ofModule.length, module);
    return { issue: { file: folder, message } };
}
function isExecutablePlan(file) {
    // Opening a FIFO blocks until something writes to it: only a regular file is looked into.
    if (!lstatOf(file)?.isFile())
        return false;
    let handle;
    try {
        handle = (0,external_node_fs_namespaceObject.openSync)(file, 'r');
    }
    catch {
        return false;
    }
    try {
        const buffer = Buffer.alloc(64 * 1024);
        const bytesRead = (0,external_node_fs_namespaceObject.readSync)(handle, buffer, 0, buffer.length, 0);
        const head = buffer.subarray(0, bytesRead).toString('utf8');
        if (!hasFrontMatter(head))
            return false;
        const end = head.search(/\r?\n---\s*(\r?\n|$)/);
        return EXECUTABLE_KEY.test(end === -1 ? head : head.slice(0, end));
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(handle);
    }
}
async function readPlanFile(root, file) {
    const absolute = external_node_path_default().join(root, file);
    // The commands of a plan outside the project (through a link) must never run.
    const outside = projectFileProblem(root, file);
    if (outside) {
        const message = plan_messages_say.load.refusedFile(outside, PROJECT_FILE_FIX);
        return { kind: 'invalid', file, issues: [{ file, message }] };
    }
    const stat = statOf(absolute);
    if (!stat?.isFile()) {
        const message = plan_messages_say.load.missing(file);
        return { kind: 'invalid', file, issues: [{ file, message }] };
    }
    if (stat.size > LIMITS.planFileBytes) {
        const message = plan_messages_say.load.tooLarge(file, stat.size, LIMITS.planFileBytes);
        return { kind: 'invalid', file, issues: [{ file, message }] };
    }
    const text = (0,external_node_fs_namespaceObject.readFileSync)(absolute, 'utf8');
    const front = await readFrontMatter(text);
    switch (front.kind) {
        case 'none':
            return notExecutable(file, text);
        case 'refused': {
            const message = plan_messages_say.load.language(front.language);
            return { kind: 'invalid', file, issues: [{ file, message, line: 1 }] };
        }
        case 'invalid':
            return {
                kind: 'invalid',
                file,
                issues: front.issues.map(issue => ({
                    file,
                    message: plan_messages_say.load.yaml(issue.message),
                    line: issue.line
                }))
            };
        case 'parsed':
            break;
    }
    if (!loader_isRecord(front.data) || !(PLAN_FORMAT_KEY in front.data))
        return notExecutable(file, text);
    // The input in each issue lets zod say in Chinese what it found instead.
    const parsed = planSchema.safeParse(front.data, { reportInput: true });
    if (parsed.success)
        return { kind: 'loaded', file, plan: parsed.data };
    const locate = front.locate;
    return {
        kind: 'invalid',
        file,
        issues: await Promise.all(parsed.error.issues.map(issue => toPlanIssue(file, issue, locate)))
    };
}
function notExecutable(file, text) {
    const draft = draftFrontMatter(text);
    return {
        kind: 'not-executable',
        file,
        commands: draft.commands.map(item => item.command),
        skeleton: draft.frontMatter
    };
}
async function toPlanIssue(file, issue, locate) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const where = keys.length === 1 ? [...issue.path, keys[0] ?? ''] : issue.path;
    const message = issue.code === 'unrecognized_keys'
        ? plan_messages_say.load.unknownKeys(joinMessages(keys.map(key => plan_messages_say.load.quoted(key)), SEPARATOR.list), keys.length)
        : issueMessage(issue);
    return { file, message, keyPath: formatKeyPath(where), line: await locate(where) };
}
function formatKeyPath(keyPath) {
    return keyPath.reduce((text, key) => {
        if (typeof key === 'number')
            return `${text}[${key}]`;
        return text === '' ? String(key) : `${text}.${String(key)}`;
    }, '');
}
function loader_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** `file:line: key.path: message`, the form of every plan error in logs and refusals. */
function describePlanIssue(issue) {
    const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
    return plan_messages_say.load.issue(where, issue.keyPath ?? '', issue.message);
}

;// CONCATENATED MODULE: ./src/plan/variable-checks.ts
/**
 * Are the variables the plan's URLs and command checks use set? A URL with `${NAME}` unset starts
 * the run with an empty DEPLOY_URL, and a check reading an unset `$NAME` fails after the steps
 * changed the environment: both lead to a rollback that had nothing to do with the release. Said
 * before anything runs, in a dry run as in a real run.
 */




const variable_checks_TITLE = plan_messages_say.variablesTitle;
/** Set by the action for every step and check, whatever the job's environment holds. */
const PROVIDED = /^DEPLOY_[A-Z_]+$|^(PATH|HOME|PWD|SHELL|USER|RANDOM|SECONDS|LINENO|BASH_\w+|IFS|OLDPWD)$/;
function checkVariables(input) {
    const { plan, environment } = input;
    const variables = plan.environments[environment]?.variables ?? {};
    const isSet = (name) => PROVIDED.test(name) || Boolean(input.env[name]) || Boolean(variables[name]);
    const problems = [];
    const url = plan.environments[environment]?.url;
    const urlUnset = url ? urlNames(url).filter(name => !isSet(name)) : [];
    if (url && urlUnset.length > 0)
        problems.push(plan_messages_say.urlUnset(environment, url, listOf(urlUnset)));
    const checks = [...plan.health, ...(plan.canary?.health ?? [])];
    for (const check of selectFor(checks, environment, input.targets).selected) {
        const unset = namesOf(check).filter(name => !isSet(name));
        if (unset.length > 0)
            problems.push(plan_messages_say.checkUnset(check.name, listOf(unset)));
        if (check.kind === 'http' && urlNames(check.url).includes('DEPLOY_URL') && urlUnset.length > 0)
            problems.push(plan_messages_say.checkNeedsUrl(check.name));
    }
    if (problems.length === 0)
        return passed(variable_checks_TITLE, plan_messages_say.variablesSet);
    return warned(variable_checks_TITLE, joinMessages(problems, SEPARATOR.clause), plan_messages_say.variablesFix(problems.length));
}
function urlNames(url) {
    return [...url.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(match => match[1] ?? '');
}
/** The variables a check reads: `${NAME}` in a URL; `$NAME` in a command not assigned in it. */
function namesOf(check) {
    if (check.kind === 'http')
        return urlNames(check.url).filter(name => name !== 'DEPLOY_URL');
    const assigned = new Set([...check.run.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)].map(match => match[1] ?? ''));
    const braced = [...check.run.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=?+][^}]*)?\}/g)]
        // `${NAME:-default}` and friends give a value when NAME is unset.
        .filter(match => match[2] === undefined)
        .map(match => match[1] ?? '');
    const plain = [...check.run.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map(match => match[1] ?? '');
    const read = [...braced, ...plain];
    return [...new Set(read)].filter(name => !assigned.has(name));
}

;// CONCATENATED MODULE: ./src/plan/checks.ts
/** Is the plan executable for this run: valid, with this environment, these targets, its secrets and a way back? */









function checkPlan(input) {
    const { load } = input;
    if (load.kind === 'invalid') {
        return {
            checks: [
                failed(plan_messages_say.validTitle, joinMessages(load.issues.map(describePlanIssue), SEPARATOR.line), plan_messages_say.validFix, load.issues.map(issue => ({
                    file: issue.file,
                    ...(issue.line === undefined ? {} : { line: issue.line }),
                    message: describePlanIssue(issue)
                })))
            ]
        };
    }
    if (load.kind === 'not-executable') {
        const found = load.commands.length > 0
            ? plan_messages_say.inlineCommands(listOf(load.commands.map(command => `\`${command}\``)))
            : plan_messages_say.noInlineCommands;
        return {
            checks: [
                failed(plan_messages_say.executableTitle, plan_messages_say.notExecutable(load.file, found), plan_messages_say.notExecutableFix(load.file, load.skeleton), [{ file: load.file, line: 1 }])
            ]
        };
    }
    const { plan, file } = load;
    const checks = [passed(plan_messages_say.validTitle, plan_messages_say.stepCount(file, plan.steps.length))];
    const environment = checkEnvironment(input, plan, file, checks);
    const choice = selectTargets(plan, input.settings.targets);
    if (choice.ok) {
        checks.push(passed(plan_messages_say.targetsTitle, listOf(choice.targets)));
    }
    else {
        checks.push(failed(plan_messages_say.targetsTitle, joinMessages(choice.problems, SEPARATOR.line), plan_messages_say.targetsFix));
    }
    checks.push(checkMode(input.settings, plan, file), ...(input.settings.mode === 'rollback' ? [] : [checkRollback(input.settings, plan, file)]), checkSecrets(input, plan, file));
    if (environment !== undefined && choice.ok) {
        const steps = stepsOfRun(plan, input.settings.mode, environment, choice.targets);
        checks.push(steps.length > 0
            ? passed(plan_messages_say.stepsTitle, plan_messages_say.stepsFor(steps.length, environment))
            : failed(plan_messages_say.stepsTitle, plan_messages_say.noSteps(file, environment, listOf(choice.targets)), plan_messages_say.noStepsFix), ...checkWorkingDirectories(input.settings.projectRoot, steps, file), checkVariables({ plan, environment, targets: choice.targets, env: input.env }));
    }
    return { checks, environment, ...(choice.ok ? { targets: choice.targets } : {}) };
}
/** The steps a run executes, canary steps first in canary mode. */
function stepsOfRun(plan, mode, environment, targets) {
    const all = mode === 'rollback'
        ? plan.rollbackSteps
        : mode === 'canary' && plan.canary
            ? [...plan.canary.steps, ...plan.steps]
            : plan.steps;
    return selectFor(all, environment, targets).selected;
}
function checkEnvironment(input, plan, file, checks) {
    const title = plan_messages_say.environmentTitle;
    const names = Object.keys(plan.environments);
    const defined = listOf(names);
    let environment = input.settings.environment;
    if (environment === undefined) {
        if (input.settings.isDryRun && names.length === 1) {
            environment = names[0] ?? '';
            checks.push(passed(title, plan_messages_say.onlyEnvironment(environment)));
        }
        else {
            checks.push(failed(title, input.settings.isDryRun ? plan_messages_say.noEnvironmentOfSeveral(defined) : plan_messages_say.noEnvironment, plan_messages_say.noEnvironmentFix(defined)));
            return undefined;
        }
    }
    else if (!names.includes(environment)) {
        checks.push(failed(title, plan_messages_say.unknownEnvironment(environment, file, defined), plan_messages_say.unknownEnvironmentFix(defined, environment), [{ file }]));
        return undefined;
    }
    else {
        checks.push(passed(title, plan_messages_say.environmentIs(environment)));
    }
    const allowed = input.gate?.environments;
    if (allowed && allowed.length > 0) {
        const gateTitle = plan_messages_say.gateTitle(input.module);
        const listed = listOf(allowed);
        if (!allowed.includes(environment)) {
            checks.push(failed(gateTitle, plan_messages_say.gateRefuses(input.module, listed, environment), plan_messages_say.gateRefusesFix(listed, environment, input.module)));
            return undefined;
        }
        checks.push(passed(gateTitle, plan_messages_say.gateAllows(environment, listed)));
    }
    return environment;
}
function checkMode(settings, plan, file) {
    const title = plan_messages_say.modeTitle;
    if (settings.mode === 'canary' && !plan.canary)
        return failed(title, plan_messages_say.noCanary(file), plan_messages_say.noCanaryFix, [{ file }]);
    if (settings.mode === 'rollback' && plan.rollbackSteps.length === 0)
        return failed(title, plan_messages_say.noRollbackSteps(file), plan_messages_say.noRollbackStepsFix, [{ file }]);
    return passed(title, verbatim(settings.mode));
}
function checkRollback(settings, plan, file) {
    const title = plan_messages_say.rollbackTitle;
    const own = plan.steps.filter(step => step.rollback !== undefined).length;
    if (plan.rollbackSteps.length > 0 || own > 0) {
        return passed(title, plan_messages_say.rollbackCounts(own, plan.rollbackSteps.length));
    }
    if (settings.allowNoRollback)
        return warned(title, plan_messages_say.noRollbackAllowed(file), plan_messages_say.noRollbackAllowedFix);
    return failed(title, plan_messages_say.noRollback(file), plan_messages_say.noRollbackFix, [{ file }]);
}
function checkSecrets(input, plan, file) {
    const title = plan_messages_say.secretsTitle;
    const missing = plan.secrets.filter(name => !input.env[name]);
    if (missing.length === 0)
        return passed(title, plan.secrets.length > 0 ? listOf(plan.secrets) : plan_messages_say.noSecretsNeeded);
    const detail = plan_messages_say.secretsMissing(listOf(missing), missing.length, file);
    const env = missing.map(name => `${name}: \${{ secrets.${name} }}`).join(', ');
    const fix = plan_messages_say.secretsFix(missing.length, env);
    return input.settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix);
}
function checkWorkingDirectories(root, steps, file) {
    const title = plan_messages_say.directoriesTitle;
    const checks = [];
    for (const dir of new Set(steps.map(step => step.workingDirectory))) {
        const absolute = external_node_path_default().resolve(root, dir);
        if (!isInsideReal(root, absolute)) {
            checks.push(failed(title, plan_messages_say.directoryOutside(dir), plan_messages_say.directoryOutsideFix(file), [{ file }]));
            continue;
        }
        const stat = statOf(absolute);
        if (stat && !stat.isDirectory()) {
            checks.push(failed(title, plan_messages_say.directoryNotFolder(dir), plan_messages_say.directoryNotFolderFix(file), [{ file }]));
        }
        else if (!stat) {
            checks.push(warned(title, plan_messages_say.directoryMissing(dir), plan_messages_say.directoryMissingFix));
        }
    }
    return checks.length > 0 ? checks : [passed(title, plan_messages_say.directoriesInside)];
}

;// CONCATENATED MODULE: ./src/plan/preflight.ts
/**
 * Pre-flight: nothing runs until every condition holds. Gathers the proposal and plan checks into
 * one list, so a refusal explains every unmet condition at once; when all hold, builds the one
 * Deployment value and the run plan that the rest of the run derives from.
 */















async function runPreflight(input) {
    const { request, source } = input;
    const root = request.projectRoot;
    const location = locateProposal({
        root,
        ...(request.proposal === undefined ? {} : { proposalInput: request.proposal })
    });
    const checks = [];
    const isRollback = request.mode === 'rollback';
    let proposal;
    if (location.kind === 'found') {
        proposal = readProposal(root, location.slug, location.guardModule);
        checks.push(passed(openlogos_messages_say.proposalTitle, describeSource(proposal.folder, location.source)));
        // A rollback on demand must be possible whatever the proposal's state has become since.
        if (!isRollback)
            checks.push(...checkProposal(proposal), ...checkRepeat(proposal, request));
        const flow = proposal.verifyFlow;
        if (!isRollback && (flow.kind === 'invalid' || flow.gate.source !== 'builtin'))
            checks.splice(1, 0, await checkVerifyGate(proposal, flow, {
                isDryRun: request.isDryRun,
                runCommand: input.runGateCommand
            }));
    }
    else if (isRollback) {
        checks.push(warned(openlogos_messages_say.proposalTitle, openlogos_messages_say.notNeededForRollback(location.problem), location.fix));
    }
    else {
        checks.push(failed(openlogos_messages_say.proposalTitle, location.problem, location.fix));
    }
    const module = proposal?.module ?? OPENLOGOS.defaultModule;
    const load = await loadPlan(root, request.plan, module);
    const project = proposal?.project ?? readProjectSettings(root);
    const planChecks = checkPlan({
        settings: request,
        load,
        gate: project.gates[module],
        module,
        env: input.env
    });
    checks.push(...planChecks.checks, checkProjectFiles({
        root,
        reportPath: request.reportPath,
        proposalFolder: proposal?.folder,
        isDryRun: request.isDryRun
    }));
    if (!project.isInitialised)
        checks.unshift(failed(openlogos_messages_say.initialisedTitle, openlogos_messages_say.notInitialised(OPENLOGOS.configFile), openlogos_messages_say.notInitialisedFix));
    const base = {
        checks,
        locale: project.locale,
        isSmokeRequired: proposal ? isSmokeNext(proposal) : false
    };
    const planFile = load.kind === 'loaded' ? load.file : undefined;
    const { environment, targets } = planChecks;
    const isReady = checks.every(check => check.status !== 'failed');
    if (!isReady ||
        (!proposal && !isRollback) ||
        load.kind !== 'loaded' ||
        !environment ||
        !targets) {
        return {
            ...base,
            kind: 'refused',
            proposal: proposal?.slug,
            environment: environment ?? request.environment,
            targets: targets ?? [],
            planFile
        };
    }
    const deployment = {
        proposal: proposal?.slug ?? '',
        proposalFolder: proposal?.folder ?? '',
        environment,
        targets,
        mode: request.mode,
        isDryRun: request.isDryRun,
        // A rollback's version and commit are the ones it puts back, found with the deployment
        // history: until then, the version asked for ('' for the last good one before the live one).
        version: isRollback
            ? (request.version ?? '')
            : versionOf(request.version, source.sha, source.ref),
        sha: isRollback ? '' : source.sha,
        ref: source.ref
    };
    return {
        ...base,
        kind: 'ready',
        deployment,
        plan: load.plan,
        planFile: load.file,
        runPlan: buildRunPlan(load.plan, deployment, request.stepTimeoutMs)
    };
}
function describeSource(folder, source) {
    return source === 'guard'
        ? openlogos_messages_say.foundByGuard(folder, OPENLOGOS.guardFile)
        : openlogos_messages_say.foundByGuardAndInput(folder, OPENLOGOS.guardFile);
}

;// CONCATENATED MODULE: ./src/plan/run-log.ts





function logChecks(checks, log) {
    for (const check of checks) {
        if (check.status === 'passed') {
            log.info(plan_messages_say.passedLine(check.title, check.detail));
            continue;
        }
        const report = check.status === 'failed' ? log.error : log.warning;
        const places = check.where ?? [];
        if (places.some(place => place.message !== undefined)) {
            for (const place of places)
                report(plan_messages_say.checkLine(check.title, place.message ?? check.detail), place);
            if (check.fix)
                log.info(messages_say.fixLine(check.fix));
        }
        else {
            const line = plan_messages_say.checkLine(check.title, check.detail);
            report(check.fix ? messages_say.withFix(line, check.fix) : line, places[0]);
        }
    }
}
function logRunPlan(plan, deployment, log) {
    const l = plan_messages_say.log;
    log.info(l.summary(deployment.environment, listOf(deployment.targets), deployment.mode));
    const isRollback = deployment.mode === 'rollback';
    if (isRollback)
        log.info(deployment.rollbackFrom
            ? l.rollbackOnDemand(deployment.environment, deployment.rollbackFrom.version, deployment.version)
            : l.rollbackUnknown);
    let number = 0;
    for (const phase of plan.phases) {
        const phaseName = isRollback
            ? l.rollbackPhase
            : phase.kind === 'canary'
                ? l.canaryPhase
                : l.deployPhase;
        log.info(phase.weight === undefined ? phaseName : l.phaseAt(phaseName, phase.weight));
        if (phase.steps.some(step => step.isPerTarget) || phase.health.some(check => check.isPerTarget))
            log.info(l.rollout(listOf(plan.fleet.targets.map(target => target.name)), batchSizeOf(plan.fleet), formatDuration(plan.fleet.rollout.pauseMs), plan.fleet.rollout.maxFailedTargets));
        for (const step of phase.steps) {
            number++;
            log.info(step.isPerTarget
                ? l.stepPerTarget(number, step.name, step.id)
                : step.target
                    ? l.stepOfTarget(number, step.name, step.id, step.target)
                    : l.step(number, step.name, step.id));
            if (step.purpose)
                log.info(l.purpose(step.purpose));
            log.info(l.where(step.workingDirectory, formatDuration(step.timeoutMs)));
            log.info(l.run(step.run.replace(/\n/g, '\n          ')));
            if (!isRollback)
                log.info(step.rollback ? l.ownRollback(step.rollback) : l.noOwnRollback);
        }
        for (const { item, reason } of phase.skippedSteps)
            log.info(l.leftOut(item.name, item.id, reason));
        for (const check of phase.health) {
            const probe = check.kind === 'http' ? check.url : check.run;
            log.info(l.health(check.name, probe, formatDuration(worstCaseDetectionMs(check))));
            const baseline = check.kind === 'command' ? check.metric?.baseline : undefined;
            if (baseline)
                log.info(baseline.isRequired
                    ? l.baselineRequired(baseline.samples)
                    : l.baselineOptional(baseline.samples));
        }
    }
    const own = stepRollbacks(plan).reverse();
    if (own.length + plan.rollbackSteps.length === 0)
        log.info(l.noRollback);
    for (const step of own)
        log.info(l.rollbackOf(step.id, step.rollback ?? ''));
    for (const step of plan.rollbackSteps)
        log.info(l.planRollback(step.id, step.run));
}

;// CONCATENATED MODULE: ./src/openlogos/markers.ts
/**
 * What `openlogos deploy-done` does after a successful deployment: tick every [deploy] task, write
 * an empty DEPLOY_DONE, and remove SMOKE_PASS / SMOKE_FAIL (a new deployment needs a new smoke test).
 */







async function markDeployDone(root, proposalFolder) {
    const changed = [];
    const written = [];
    const deleted = [];
    const folder = await external_node_fs_namespaceObject.promises.lstat(external_node_path_default().join(root, proposalFolder)).catch(() => undefined);
    if (!folder?.isDirectory()) {
        // Never made anew: a DEPLOY_DONE in a folder without its proposal would mean nothing.
        throw new MessageError(openlogos_messages_say.proposalFolderGone(proposalFolder));
    }
    const tasksFile = `${proposalFolder}/tasks.md`;
    const tasks = readProjectFile(root, tasksFile) ?? '';
    const ticked = tickDeployTasks(tasks);
    if (ticked !== tasks) {
        await writeProjectFile(root, tasksFile, ticked);
        changed.push(openlogos_messages_say.tasksTicked(tasksFile));
        written.push(`${proposalFolder}/tasks.md`);
    }
    await writeProjectFile(root, `${proposalFolder}/${MARKER.deployDone}`, '');
    changed.push(openlogos_messages_say.markerWritten(`${proposalFolder}/${MARKER.deployDone}`));
    written.push(`${proposalFolder}/${MARKER.deployDone}`);
    for (const marker of [MARKER.smokePass, MARKER.smokeFail]) {
        const relative = `${proposalFolder}/${marker}`;
        const problem = projectFileProblem(root, relative);
        if (problem)
            throw new ProjectFileError(problem);
        const file = external_node_path_default().join(root, relative);
        if (await external_node_fs_namespaceObject.promises.lstat(file).then(() => true, () => false)) {
            await external_node_fs_namespaceObject.promises.rm(file, { force: true });
            changed.push(openlogos_messages_say.markerRemoved(relative));
            deleted.push(`${proposalFolder}/${marker}`);
        }
    }
    return { notes: changed, written, deleted };
}

;// CONCATENATED MODULE: ./src/report/markdown-safe.ts
/**
 * Safe Markdown building: the one place where text the action did not write (step output, a
 * URL a step reported, command-check output, commit messages, plan text) becomes Markdown for the
 * report file, the job summary and the PR comment. Callers pass text already redacted.
 *
 * - Plain text is escaped (no HTML, no Markdown syntax), and what GitHub would turn into a ping,
 *   a link or a cross-reference (`@team`, `https://…`, `www.…`, `#123`) is broken with an
 *   invisible character.
 * - Code goes in code spans and fenced blocks longer than any run of backticks inside, where GitHub
 *   neither parses Markdown nor links or mentions anything.
 * - Nowhere can such text write an HTML comment, so it can never forge the hidden lines the
 *   action reads back (report record lines, comment markers, comment history).
 */
/** Invisible, and enough to keep GitHub from seeing a mention, a link or a comment opening. */
const markdown_safe_BREAK = '\u200b';
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
/** What GitHub would make a ping, an autolink or a cross-reference, made plain. */
function defuse(text) {
    return text
        .replace(/@(?=[A-Za-z0-9_-])/g, `@${markdown_safe_BREAK}`)
        .replace(/#(?=\d)/g, `#${markdown_safe_BREAK}`)
        .replace(/:\/\//g, `:${markdown_safe_BREAK}//`)
        .replace(/\b(www)\./gi, `$1${markdown_safe_BREAK}.`);
}
/** Colour and cursor sequences of a terminal: meaningless in a report, so dropped. */
// eslint-disable-next-line no-control-regex
const TERMINAL_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/**
 * Control characters shown as their pictures (NUL as ␀, ESC as ␛; C1 controls as �): a NUL byte
 * would make git take the committed report for a binary file, and the others mean nothing on a page.
 */
function printable(text) {
    return text.replace(TERMINAL_SEQUENCE, '').replace(CONTROL, char => {
        const point = char.charCodeAt(0);
        if (point < 0x20)
            return String.fromCharCode(0x2400 + point);
        return point === 0x7f ? '\u2421' : '\ufffd';
    });
}
/** Text shown as it is, in code: only the opening of an HTML comment needs breaking there. */
function markdown_safe_literal(text) {
    return printable(text).replace(/<!--/g, `<!-${markdown_safe_BREAK}-`);
}
/** Plain text for a paragraph, a list item or a table cell: no HTML, no Markdown syntax, one line. */
function markdown_safe_text(value) {
    return escapeHtml(defuse(printable(value)))
        .replace(/([\\`*_[\]#~])/g, '\\$1')
        .replace(/\r\n|\r|\n/g, ' ');
}
/** Inline code: a code span whose delimiters no backtick inside can close, on one line. */
function code(value) {
    const line = markdown_safe_literal(value).replace(/\r\n|\r|\n/g, ' ⏎ ');
    const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map(match => match[0].length));
    const delimiter = '`'.repeat(longest + 1);
    const padded = /^`|`$|^ .* $/.test(line) || line === '' ? ` ${line} ` : line;
    return `${delimiter}${padded}${delimiter}`;
}
/** A fenced block longer than any run of backticks inside it. */
function fenced(value, language = '') {
    const body = markdown_safe_literal(value).replace(/\r\n?/g, '\n').replace(/\n$/, '');
    const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map(match => match[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${body}\n${fence}`;
}
/** A table; a `|` in a cell is escaped, inside code spans too (GitHub's tables allow that). */
function table(header, rows) {
    const cell = (value) => value.replace(/\|/g, '\\|');
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
/** A collapsed block; the body is Markdown (blank lines around it let GitHub render it). */
function details(summary, body) {
    return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}
/**
 * Cuts Markdown to `maxBytes` of UTF-8 at a line break, saying where the rest is. A fenced block or
 * a collapsed section left open by the cut is closed, and the result, notice and closings
 * included, is never longer than `maxBytes`.
 */
function truncateMarkdown(markdown, maxBytes, notice) {
    if (Buffer.byteLength(markdown, 'utf8') <= maxBytes)
        return markdown;
    const ending = `\n\n> ${notice}\n`;
    const lines = markdown.split('\n');
    let kept = lines.length;
    for (;;) {
        const body = lines.slice(0, kept).join('\n');
        const result = `${body}${closings(lines.slice(0, kept))}${ending}`;
        if (Buffer.byteLength(result, 'utf8') <= maxBytes || kept === 0)
            return result;
        // Drop lines in proportion to the excess, at least one, so long documents converge quickly.
        const excess = Buffer.byteLength(result, 'utf8') - maxBytes;
        const average = Math.max(1, Buffer.byteLength(body, 'utf8') / Math.max(1, kept));
        kept = Math.max(0, kept - Math.max(1, Math.ceil(excess / average)));
    }
}
/** What closes the fence and the collapsed sections left open at the end of `lines`. */
function closings(lines) {
    let fence;
    let openDetails = 0;
    for (const line of lines) {
        if (fence !== undefined) {
            if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line))
                fence = undefined;
            continue;
        }
        const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
        if (opening)
            fence = opening[1];
        else if (line.startsWith('<details>'))
            openDetails++;
        else if (line.startsWith('</details>'))
            openDetails = Math.max(0, openDetails - 1);
    }
    return `${fence === undefined ? '' : `\n${fence}`}${'\n\n</details>'.repeat(openDetails)}`;
}

;// CONCATENATED MODULE: ./src/report/document.ts
/**
 * A report as a document, before it is Markdown or terminal text: a headline, a lead (the alert a
 * reader sees first), then sections of blocks. view.ts builds it from the report model; markdown.ts
 * and terminal.ts only place it, so the file, the job summary, the PR comment and the CLI say the
 * same thing.
 */
const paragraph = (...line) => ({ kind: 'paragraph', line });
const document_code = (text) => ({ code: text });
const strong = (text) => ({ strong: text });

;// CONCATENATED MODULE: ./src/report/text.ts

/** A step's result as a mark alone, for the cells of a targets × steps matrix: the same in every language. */
const STEP_MARKS = {
    succeeded: '✅',
    failed: '❌',
    'timed-out': '⏱️',
    cancelled: '⏹️',
    skipped: '⏭️'
};
const text_en = {
    headline: {
        success: (s) => `✅ Deployed ${s.proposal} ${s.version} to ${s.environment} in ${s.duration}`,
        failure: (s) => `❌ Deployment failed: ${s.proposal} ${s.version} on ${s.environment} after ${s.duration}`,
        'rolled-back': (s) => `↩️ Rolled back: ${s.proposal} ${s.version} on ${s.environment} after ${s.duration}`,
        cancelled: (s) => `⏹️ Cancelled: ${s.proposal} ${s.version} on ${s.environment} after ${s.duration}`,
        refused: (s) => `⛔ Deployment refused: ${s.proposal} → ${s.environment}`,
        'dry-run': (s) => `🔍 Dry run: ${s.proposal} ${s.version} → ${s.environment}`
    },
    refusedLead: (count) => `The deployment did not start: ${count === 1 ? 'one condition is' : `${count} conditions are`} unmet. Nothing was run and nothing was written.`,
    dryRunLead: 'Dry run: no command of the plan was run, and no marker or report file was written.',
    dryRunWouldRefuse: 'A real run would be refused:',
    stepFailed: 'failed',
    stepTimedOut: 'timed out',
    stepCancelled: 'was cancelled',
    failedStepLead: (step, how, exit, duration) => [
        'Step ',
        step,
        ` ${how}${exit} after ${duration}.`
    ],
    exitCodeSuffix: (code) => ` (exit code ${code})`,
    failedCheckLead: (check, result) => [
        `Health check "${check}" failed: `,
        result
    ],
    cancelledLead: 'The run was cancelled.',
    rolledBackLead: (environment, version) => version
        ? `Rolled back: every rollback step succeeded; ${environment} should run ${version} again.`
        : 'Rolled back: every rollback step succeeded.',
    rollbackIncompleteLead: 'The rollback is incomplete: the environment may be in a mixed state. Check it by hand.',
    notRolledBackLead: 'Nothing was rolled back.',
    errorLead: 'Error:',
    sections: {
        unmet: 'Unmet conditions',
        timeline: 'Timeline',
        summary: 'Summary',
        changes: 'Changes in this release',
        steps: 'Steps',
        health: 'Health checks',
        rollback: 'Rollback',
        rollbackPoint: 'Rollback point',
        preview: 'Steps that would run',
        checks: 'Pre-flight checks',
        warnings: 'Warnings and manual follow-ups',
        nextStep: 'Next step',
        targets: 'Targets'
    },
    column: {
        item: 'Item',
        value: 'Value',
        number: '#',
        step: 'Step',
        target: 'Target',
        result: 'Result',
        duration: 'Duration',
        exitCode: 'Exit code',
        check: 'Check',
        detail: 'Detail',
        probes: 'Probes',
        failures: 'Failures',
        lastResult: 'Last result',
        probe: 'Probe',
        expect: 'Healthy when',
        schedule: 'Probing',
        worstCase: 'Failure seen within',
        why: 'Why'
    },
    field: {
        result: 'Result',
        proposal: 'Proposal',
        environment: 'Environment',
        targets: 'Targets',
        version: 'Version',
        sha: 'Commit',
        mode: 'Mode',
        plan: 'Plan',
        started: 'Started',
        dryRunAt: 'Previewed',
        checkedAt: 'Checked',
        duration: 'Duration',
        deploymentId: 'GitHub deployment',
        url: 'URL',
        authorization: 'Authorization',
        run: 'Workflow run',
        previousVersion: 'Rollback point'
    },
    status: {
        success: '✅ success',
        failure: '❌ failure',
        'rolled-back': '↩️ rolled back',
        cancelled: '⏹️ cancelled',
        refused: '⛔ refused',
        'dry-run': '🔍 dry run'
    },
    stepStatus: {
        succeeded: '✅ succeeded',
        failed: '❌ failed',
        'timed-out': '⏱️ timed out',
        cancelled: '⏹️ cancelled',
        skipped: '⏭️ not run'
    },
    checkStatus: { passed: '✅', failed: '❌', warning: '⚠️' },
    healthy: '✅ healthy',
    unhealthy: '❌ unhealthy',
    mode: { deploy: 'deploy', canary: 'canary, then promotion', rollback: 'rollback on demand' },
    phase: { canary: 'Canary', deploy: 'Deployment', rollback: 'Rollback' },
    undo: (name) => `Undo: ${name}`,
    anyTarget: 'every target',
    eachTarget: 'each target, in its pipeline',
    fix: 'Fix',
    purpose: 'Purpose',
    target: 'Target',
    workingDirectory: 'Working directory',
    timeout: 'Timeout',
    ownRollback: 'Undone by',
    noOwnRollback: "nothing of its own (the plan's rollback steps apply)",
    leftOut: 'Left out',
    noHealthChecks: 'No health checks: a failure after the steps would go unnoticed.',
    anyStatus2xx: 'any 2xx status',
    httpStatus: (statuses) => `status ${statuses}`,
    bodyContains: (text) => `body contains "${text}"`,
    exitZero: 'exit code 0',
    probing: (retries, timeout, interval) => `up to ${retries} ${retries === 1 ? 'probe' : 'probes'}, ${timeout} timeout, every ${interval}`,
    watching: (watch, limit) => `then watched for ${watch}, at most ${limit} ${limit === 1 ? 'failure' : 'failures'}`,
    totalDetection: (duration) => `At worst, a failure is seen within ${duration} of the last step.`,
    previousVersionIs: 'The last successful deployment before this one',
    noPreviousVersion: 'none (first deployment to this environment)',
    rollbackIntro: 'On a failed step, a timeout, a failed health check or a cancellation, with rollback-on-failure on:',
    rollbackOwnFirst: "first each step's own rollback, newest first (the failed step's own too):",
    rollbackPlanThen: "then the plan's rollback steps:",
    rollbackRanOwnFirst: 'first the rollback of each step that ran, newest first:',
    noRollback: 'The plan declares no rollback: a failure would not be undone.',
    rollbackCause: (cause, duration) => [
        'Started by the failure of ',
        cause,
        `; it took ${duration} from the failure to the end of the rollback.`
    ],
    rollbackComplete: 'Every rollback step succeeded.',
    rollbackIncomplete: 'The rollback is incomplete: the environment may be in a mixed state. Check it by hand.',
    failedOutput: (name, lines) => `Output of ${name}, last ${lines} lines`,
    checksPassed: (count) => count === 1 ? 'The one check passed' : `All ${count} checks passed`,
    checksSome: (failed, warnings) => `${failed} failed, ${warnings} with warnings`,
    changesCount: (shown, total) => shown < total
        ? `${shown} of ${total} commits since the previous deployment`
        : `${total} ${total === 1 ? 'commit' : 'commits'} since the previous deployment`,
    compare: 'compare',
    smokeNext: (environment) => `Run \`openlogos smoke --env ${environment}\`: the smoke test is the next human confirmation point (never run automatically).`,
    noSmoke: 'No smoke test is required for this proposal: the next OpenLogos step is `openlogos archive`.',
    rollbackHeadline: {
        'rolled-back': (s) => `↩️ Rolled back ${s.environment} from ${s.from} to ${s.version} in ${s.duration}`,
        failure: (s) => `❌ Rollback failed: ${s.environment} from ${s.from} to ${s.version} after ${s.duration}`,
        'dry-run': (s) => `🔍 Dry run of a rollback: ${s.environment} from ${s.from} to ${s.version}`
    },
    rollbackDoneLead: (s) => `Rolled back on demand: ${s.environment} runs ${s.version} again, in place of ${s.from}. No OpenLogos marker was changed.`,
    rollbackFailedLead: 'The rollback on demand did not finish: the environment may run neither version. Check it by hand.',
    rollbackNext: (proposal) => proposal
        ? `The markers of ${proposal} still record its deployment (DEPLOY_DONE): fix the change, then deploy again with \`redeploy: true\`.`
        : 'Fix the change, then deploy again with `redeploy: true`.',
    replacedVersion: 'Replaced version',
    canary: {
        /** The traffic column of steps and checks run at canary increments. */
        traffic: 'Traffic',
        lane: (weight) => `Canary ${weight}%`,
        promotionLane: 'Promotion 100%',
        previewPhase: (weight) => `Canary at ${weight}%`,
        promotion: 'Promotion at 100%',
        increments: (weights) => `The canary steps and their analysis run once per increment (${weights}), each with DEPLOY_CANARY_WEIGHT; a failed analysis at any increment rolls back and the promotion never runs.`
    },
    metric: {
        baselineTitle: 'the metric baselines are measured',
        baselineLane: 'Baseline',
        /** Title of the baselines' table and of the health section's metric blocks. */
        baselines: 'Metric baselines',
        samples: 'Samples',
        median: 'Median',
        value: 'Value',
        bound: 'Bounds',
        notMeasured: 'not measured',
        unmeasurable: (check, n, of, what) => `The baseline of "${check}" could not be measured before the first step: sample ${n} of ${of} ${what}.`,
        unmeasurableFix: (command) => `Make "${command}" print a plain number on the last line of its output when nothing is deployed yet, or set metric.baseline.required: false to deploy with its absolute bounds (max, min) only.`,
        notANumber: (printed) => `printed "${printed}", which is not a number`,
        printedNothing: 'printed nothing',
        failedRun: (exit, printed) => printed ? `ended with ${exit}: "${printed}"` : `ended with ${exit}`,
        timedOut: 'timed out',
        exitCode: (code) => code === undefined ? 'no exit code' : `exit code ${code}`,
        verdict: { within: '✅ within', above: '❌ above', below: '❌ below' },
        reading: {
            'not-a-number': '❌ not a number',
            failed: '❌ failed',
            'timed-out': '⏱️ timed out'
        },
        checkLead: (check, at) => [strong(check), at ? ` (${at})` : ''],
        compared: (baseline) => `compared with the baseline ${baseline}`,
        baselineMissing: 'its baseline could not be measured (baseline.required: false): the relative bounds were off, only max and min applied',
        previewNumber: (parts) => `a number, ${parts}`,
        previewBaseline: (samples, isRequired) => `baseline: the median of ${samples} ${samples === 1 ? 'sample' : 'samples'} before the first step${isRequired ? '' : ', optional'}`,
        between: (min, max) => `between ${min} and ${max}`,
        atMost: (max) => `at most ${max}`,
        atLeast: (min) => `at least ${min}`,
        anyNumber: 'any number',
        rule: (parts) => `the plan: ${parts}`,
        boundsNote: (bounds, rule, compared) => `healthy when ${bounds} (${rule}${compared ? `; ${compared}` : ''})`,
        increase: (change) => `max-increase ${change}`,
        decrease: (change) => `max-decrease ${change}`,
        chartTitle: (check, at) => (at ? `${check}, ${at}` : check),
        chartAxis: 'value',
        chartSeries: {
            samples: 'samples',
            max: 'upper bound',
            min: 'lower bound',
            baseline: 'baseline'
        },
        chartKey: (lines) => `Lines, in order: ${lines}.`,
        samplesShown: (shown, total) => shown < total ? `The last ${shown} of ${total} samples` : `All ${total} samples`,
        baselineWarning: (check) => `The baseline of "${check}" could not be measured: its relative bounds were off for this run (baseline.required: false).`,
        failedLead: (check, place, result) => [
            `Metric check "${check}"${place ? ` (${place})` : ''} failed: `,
            ...result
        ],
        outOfBounds: (value, verdict, bound) => `${value} is ${verdict === 'above' ? 'above the upper' : 'below the lower'} bound ${bound}`
    },
    timelineNote: 'Times in UTC.',
    utc: 'UTC',
    /** "Name: " before a value. */
    colon: ': ',
    /** Between the items of an inline list. */
    listSeparator: ', ',
    /** Between two clauses of one sentence. */
    semicolon: '; ',
    /** A warning and what to do about it. */
    withFix: (detail, fix) => `${detail} (${fix})`,
    /** What a stage said, in this language. */
    said: (message) => message.en,
    comment: {
        earlierAttempts: (count) => `Earlier attempts (${count})`,
        run: 'run',
        status: {
            success: 'success',
            failure: 'failure',
            'rolled-back': 'rolled-back',
            cancelled: 'cancelled',
            refused: 'refused',
            'dry-run': 'dry-run'
        },
        restWithRun: (runUrl) => `the job summary of [the run](${runUrl}) and the report file hold the whole report`,
        rest: 'the job summary and the report file hold the whole report'
    },
    fleet: {
        outcome: {
            pending: '… pending',
            running: '▶️ running',
            deployed: '✅ deployed',
            failed: '❌ failed',
            undone: '↩️ undone on its own',
            cancelled: '⏹️ cancelled',
            'not-started': '⏭️ not started'
        },
        mark: STEP_MARKS,
        count: (status, count) => `${count} ${status}`,
        lead: (total, counts) => `${total} target(s): ${counts}.`,
        matrix: (total) => `Each target's steps and checks (${total})`,
        lanesShown: (shown, total) => `The timeline shows ${shown} of the ${total} targets, those that failed first.`,
        batches: (size, pause, tolerated) => `Targets run ${size} at once, ${pause} apart; ${tolerated} failed target(s) tolerated.`
    },
    truncated: (rest) => `✂️ Truncated: ${rest}`,
    summaryRest: 'the job summary is limited to 1 MiB; the report file holds the whole report'
};
const text_zh = {
    headline: {
        success: s => `✅ 部署成功：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
        failure: s => `❌ 部署失败：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
        'rolled-back': s => `↩️ 已回滚：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
        cancelled: s => `⏹️ 已取消：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
        refused: s => `⛔ 部署被拒绝：${s.proposal} → ${s.environment}`,
        'dry-run': s => `🔍 部署预演：${s.proposal} ${s.version} → ${s.environment}`
    },
    refusedLead: count => `部署未开始：${count} 项条件未满足。未执行任何命令，未写入任何文件。`,
    dryRunLead: '预演：未执行部署方案中的任何命令，未写入任何标记或报告文件。',
    dryRunWouldRefuse: '正式运行将被拒绝：',
    stepFailed: '失败',
    stepTimedOut: '超时',
    stepCancelled: '被取消',
    failedStepLead: (step, how, exit, duration) => [
        '步骤 ',
        step,
        ` ${how}${exit}，耗时 ${duration}。`
    ],
    exitCodeSuffix: code => `（退出码 ${code}）`,
    failedCheckLead: (check, result) => [`健康检查「${check}」失败：`, result],
    cancelledLead: '运行已被取消。',
    rolledBackLead: (environment, version) => version
        ? `已回滚：所有回滚步骤均成功；${environment} 应已恢复为 ${version}。`
        : '已回滚：所有回滚步骤均成功。',
    rollbackIncompleteLead: '回滚未完成：环境可能处于混合状态，请人工检查。',
    notRolledBackLead: '未执行回滚。',
    errorLead: '错误：',
    sections: {
        unmet: '未满足的条件',
        timeline: '执行时间线',
        summary: '部署摘要',
        changes: '本次发布的变更',
        steps: '执行命令摘要',
        health: '健康检查',
        rollback: '回滚情况',
        rollbackPoint: '回滚点',
        preview: '将执行的步骤',
        checks: '部署前检查',
        warnings: '未解决风险与人工跟进',
        nextStep: '下一步',
        targets: '部署目标'
    },
    column: {
        item: '项目',
        value: '内容',
        number: '序号',
        step: '步骤',
        target: '目标',
        result: '结果',
        duration: '耗时',
        exitCode: '退出码',
        check: '检查项',
        detail: '详情',
        probes: '探测次数',
        failures: '失败次数',
        lastResult: '最后结果',
        probe: '探测',
        expect: '健康条件',
        schedule: '探测方式',
        worstCase: '发现故障的最长时间',
        why: '原因'
    },
    field: {
        result: '结果',
        proposal: '提案',
        environment: '目标环境',
        targets: '部署目标',
        version: '版本',
        sha: '提交',
        mode: '模式',
        plan: '部署方案',
        started: '部署时间',
        dryRunAt: '预演时间',
        checkedAt: '检查时间',
        duration: '耗时',
        deploymentId: 'GitHub 部署记录',
        url: '地址',
        authorization: '授权依据',
        run: '工作流运行',
        previousVersion: '回滚点'
    },
    status: {
        success: '✅ 成功',
        failure: '❌ 失败',
        'rolled-back': '↩️ 已回滚',
        cancelled: '⏹️ 已取消',
        refused: '⛔ 已拒绝',
        'dry-run': '🔍 预演'
    },
    stepStatus: {
        succeeded: '✅ 成功',
        failed: '❌ 失败',
        'timed-out': '⏱️ 超时',
        cancelled: '⏹️ 已取消',
        skipped: '⏭️ 未运行'
    },
    checkStatus: { passed: '✅', failed: '❌', warning: '⚠️' },
    healthy: '✅ 健康',
    unhealthy: '❌ 不健康',
    mode: { deploy: '直接部署', canary: '金丝雀，然后全量发布', rollback: '按需回滚' },
    phase: { canary: '金丝雀', deploy: '部署', rollback: '回滚' },
    undo: name => `撤销：${name}`,
    anyTarget: '所有目标',
    eachTarget: '逐个目标，在其流水线中',
    fix: '修复',
    purpose: '目的',
    target: '目标',
    workingDirectory: '工作目录',
    timeout: '超时',
    ownRollback: '回滚命令',
    noOwnRollback: '无（使用方案的回滚步骤）',
    leftOut: '未选中',
    noHealthChecks: '没有健康检查：步骤之后的故障将无法发现。',
    anyStatus2xx: '任意 2xx 状态码',
    httpStatus: statuses => `状态码 ${statuses}`,
    bodyContains: text => `响应体包含「${text}」`,
    exitZero: '退出码 0',
    probing: (retries, timeout, interval) => `最多探测 ${retries} 次，每次超时 ${timeout}，间隔 ${interval}`,
    watching: (watch, limit) => `之后观察 ${watch}，最多允许 ${limit} 次失败`,
    totalDetection: duration => `最坏情况下，最后一个步骤结束后 ${duration} 内发现故障。`,
    previousVersionIs: '本次之前最后一次成功部署的版本',
    noPreviousVersion: '无（该环境的首次部署）',
    rollbackIntro: '当步骤失败、超时、健康检查失败或运行被取消，且开启 rollback-on-failure 时：',
    rollbackOwnFirst: '先按从新到旧的顺序执行各步骤自身的回滚命令（包括失败步骤本身）：',
    rollbackPlanThen: '然后执行方案的回滚步骤：',
    rollbackRanOwnFirst: '先按从新到旧的顺序执行已运行步骤的回滚命令：',
    noRollback: '方案未声明回滚：失败将无法撤销。',
    rollbackCause: (cause, duration) => [
        '由 ',
        cause,
        ` 的失败触发；从失败到回滚结束共耗时 ${duration}。`
    ],
    rollbackComplete: '所有回滚步骤均成功。',
    rollbackIncomplete: '回滚未完成：环境可能处于混合状态，请人工检查。',
    failedOutput: (name, lines) => `${name} 输出的最后 ${lines} 行`,
    checksPassed: count => `全部 ${count} 项检查通过`,
    checksSome: (failed, warnings) => `${failed} 项未通过，${warnings} 项有警告`,
    changesCount: (shown, total) => shown < total
        ? `自上次部署以来的 ${total} 个提交（显示 ${shown} 个）`
        : `自上次部署以来的 ${total} 个提交`,
    compare: '对比',
    smokeNext: environment => `运行 \`openlogos smoke --env ${environment}\`：冒烟测试是下一个人工确认点（不会自动执行）。`,
    noSmoke: '该提案不需要冒烟测试：OpenLogos 的下一步是 `openlogos archive`。',
    rollbackHeadline: {
        'rolled-back': s => `↩️ 已回滚 ${s.environment}：从 ${s.from} 回到 ${s.version}，耗时 ${s.duration}`,
        failure: s => `❌ 回滚失败：${s.environment} 从 ${s.from} 回到 ${s.version}，${s.duration} 后失败`,
        'dry-run': s => `🔍 回滚预演：${s.environment} 从 ${s.from} 回到 ${s.version}`
    },
    rollbackDoneLead: s => `已按需回滚：${s.environment} 重新运行 ${s.version}，替换了 ${s.from}。未修改任何 OpenLogos 标记文件。`,
    rollbackFailedLead: '按需回滚没有完成：环境可能两个版本都没有在运行。请人工检查。',
    rollbackNext: proposal => proposal
        ? `${proposal} 的标记文件仍记录着它的部署（DEPLOY_DONE）：修复变更后，用 \`redeploy: true\` 重新部署。`
        : '修复变更后，用 `redeploy: true` 重新部署。',
    replacedVersion: '被替换的版本',
    canary: {
        traffic: '流量',
        lane: weight => `金丝雀 ${weight}%`,
        promotionLane: '全量发布 100%',
        previewPhase: weight => `金丝雀 ${weight}%`,
        promotion: '全量发布 100%',
        increments: weights => `金丝雀步骤及其分析按每个增量（${weights}）各执行一次，并设置 DEPLOY_CANARY_WEIGHT；任一增量的分析失败即回滚，不再全量发布。`
    },
    metric: {
        baselineTitle: '指标基线已测得',
        baselineLane: '基线',
        baselines: '指标基线',
        samples: '样本',
        median: '中位数',
        value: '数值',
        bound: '界限',
        notMeasured: '未测得',
        unmeasurable: (check, n, of, what) => `第一个步骤之前无法测得「${check}」的基线：第 ${n} 个样本（共 ${of} 个）${what}。`,
        unmeasurableFix: command => `让「${command}」在尚未部署任何内容时也在输出的最后一行打印一个数字；或者设置 metric.baseline.required: false，仅按绝对界限（max、min）部署。`,
        notANumber: printed => `打印了「${printed}」，不是数字`,
        printedNothing: '没有打印任何内容',
        failedRun: (exit, printed) => (printed ? `以${exit} 结束：「${printed}」` : `以${exit} 结束`),
        timedOut: '超时',
        exitCode: code => (code === undefined ? '无退出码' : `退出码 ${code}`),
        verdict: { within: '✅ 在界限内', above: '❌ 高于上限', below: '❌ 低于下限' },
        reading: {
            'not-a-number': '❌ 不是数字',
            failed: '❌ 失败',
            'timed-out': '⏱️ 超时'
        },
        checkLead: (check, at) => [strong(check), at ? `（${at}）` : ''],
        compared: baseline => `与基线 ${baseline} 比较`,
        baselineMissing: '基线未能测得（baseline.required: false）：相对界限未启用，仅按 max 和 min 判断',
        previewNumber: parts => `数字，${parts}`,
        previewBaseline: (samples, isRequired) => `基线：第一个步骤之前 ${samples} 个样本的中位数${isRequired ? '' : '（可选）'}`,
        between: (min, max) => `介于 ${min} 与 ${max} 之间`,
        atMost: max => `不高于 ${max}`,
        atLeast: min => `不低于 ${min}`,
        anyNumber: '任意数字',
        rule: parts => `方案设定：${parts}`,
        boundsNote: (bounds, rule, compared) => `${bounds} 时为健康（${rule}${compared ? `；${compared}` : ''}）`,
        increase: change => `max-increase ${change}`,
        decrease: change => `max-decrease ${change}`,
        chartTitle: (check, at) => (at ? `${check}，${at}` : check),
        chartAxis: '数值',
        chartSeries: { samples: '样本', max: '上限', min: '下限', baseline: '基线' },
        chartKey: lines => `折线依次为：${lines}。`,
        samplesShown: (shown, total) => shown < total ? `共 ${total} 个样本中的最后 ${shown} 个` : `全部 ${total} 个样本`,
        baselineWarning: check => `未能测得「${check}」的基线：本次运行未启用其相对界限（baseline.required: false）。`,
        failedLead: (check, place, result) => [
            `指标检查「${check}」${place ? `（${place}）` : ''}失败：`,
            ...result
        ],
        outOfBounds: (value, verdict, bound) => `${value} ${verdict === 'above' ? '高于上限' : '低于下限'} ${bound}`
    },
    timelineNote: '时间为 UTC。',
    utc: 'UTC',
    colon: '：',
    listSeparator: '、',
    semicolon: '；',
    withFix: (detail, fix) => `${detail}（${fix}）`,
    said: message => message.zh,
    comment: {
        earlierAttempts: count => `之前的尝试（${count} 次）`,
        run: '运行记录',
        status: {
            success: '成功',
            failure: '失败',
            'rolled-back': '已回滚',
            cancelled: '已取消',
            refused: '已拒绝',
            'dry-run': '预演'
        },
        restWithRun: runUrl => `完整报告见 [本次运行](${runUrl}) 的作业摘要和报告文件`,
        rest: '完整报告见作业摘要和报告文件'
    },
    fleet: {
        outcome: {
            pending: '… 等待中',
            running: '▶️ 运行中',
            deployed: '✅ 已部署',
            failed: '❌ 失败',
            undone: '↩️ 已单独撤销',
            cancelled: '⏹️ 已取消',
            'not-started': '⏭️ 未开始'
        },
        mark: STEP_MARKS,
        count: (status, count) => `${status} ${count} 个`,
        lead: (total, counts) => `共 ${total} 个目标：${counts}。`,
        matrix: total => `各目标的步骤与检查（${total} 个）`,
        lanesShown: (shown, total) => `时间线显示 ${total} 个目标中的 ${shown} 个，先失败的优先。`,
        batches: (size, pause, tolerated) => `每批同时 ${size} 个目标，批间间隔 ${pause}；容许 ${tolerated} 个目标失败。`
    },
    truncated: rest => `✂️ 已截断：${rest}`,
    summaryRest: '作业摘要的上限是 1 MiB；完整报告见报告文件'
};
/** A sentence of the report's frame in both languages, for a check or a log line made of it. */
function inBoth(say) {
    return { en: say(text_en), zh: say(text_zh) };
}
/** A run's status as one word, in both languages: `failure`, `失败`. */
function statusWord(status) {
    return { en: text_en.comment.status[status], zh: text_zh.comment.status[status] };
}
function reportText(locale) {
    return locale === 'zh' ? text_zh : text_en;
}
/** Both catalogues, for the test that holds them complete and apart. */
const CATALOGUES = { en: text_en, zh: text_zh };

;// CONCATENATED MODULE: ./src/report/view-metric.ts
/**
 * Metric checks in the report: the baselines measured before the first step, and for each metric
 * check its bounds and its samples, as a table and as a line chart. Sample values are the text the
 * command printed, already redacted: a value that no longer reads as a number is left off the chart.
 */


/** Where a step or check ran: `Canary at 25%`, `Promotion at 100%`, or nothing without increments. */
function placeOf(record, t) {
    if (record.weight === undefined)
        return '';
    return record.phase === 'canary' ? t.canary.previewPhase(record.weight) : t.canary.promotion;
}
/** What went wrong with a sample that is not a number, as a clause: `printed "n/a", …`. */
function sampleProblem(sample, t) {
    const m = t.metric;
    switch (sample.reading) {
        case 'timed-out':
            return m.timedOut;
        case 'failed':
            return m.failedRun(m.exitCode(sample.exitCode), sample.printed);
        case 'not-a-number':
            return sample.printed ? m.notANumber(sample.printed) : m.printedNothing;
        case 'number':
            return sample.value ?? '';
    }
}
/** A metric check's last result, for the health table: its last sample, judged. */
function lastResultOf(metric, t) {
    const last = metric.samples.at(-1);
    if (!last)
        return undefined;
    if (last.reading !== 'number')
        return [sampleProblem(last, t)];
    if (last.verdict === 'above' || last.verdict === 'below') {
        const bound = last.verdict === 'above' ? metric.max : metric.min;
        return [t.metric.outOfBounds(last.value ?? '', last.verdict, bound ?? '')];
    }
    return [document_code(last.value ?? ''), ' ', t.metric.verdict.within];
}
function boundsText(metric, t) {
    const m = t.metric;
    if (metric.min !== undefined && metric.max !== undefined)
        return m.between(metric.min, metric.max);
    if (metric.max !== undefined)
        return m.atMost(metric.max);
    if (metric.min !== undefined)
        return m.atLeast(metric.min);
    return m.anyNumber;
}
/** `healthy when at most 0.018 (the plan: max 0.05, max-increase 50%; compared with …)`. */
function boundsNote(metric, t) {
    const { rule } = metric;
    const parts = [
        rule.max === undefined ? undefined : `max ${rule.max}`,
        rule.min === undefined ? undefined : `min ${rule.min}`,
        rule.maxIncrease === undefined ? undefined : t.metric.increase(rule.maxIncrease),
        rule.maxDecrease === undefined ? undefined : t.metric.decrease(rule.maxDecrease)
    ].filter((part) => part !== undefined);
    return t.metric.boundsNote(boundsText(metric, t), t.metric.rule(parts.join(t.listSeparator)), metric.baseline === undefined ? undefined : t.metric.compared(metric.baseline));
}
/** A metric check: its bounds, its chart, and its samples in a collapsed table. */
function metricBlocks(record, t) {
    const { metric } = record;
    const m = t.metric;
    const place = placeOf(record, t);
    const blocks = [
        paragraph(...m.checkLead(record.name, place), `${t.colon}${boundsNote(metric, t)}`)
    ];
    if (metric.isBaselineMissing)
        blocks.push(paragraph(m.baselineMissing));
    const chart = chartOf(record.name, place, metric, t);
    if (chart)
        blocks.push({ kind: 'chart', chart: chart.chart }, paragraph(chart.key));
    const rows = metric.samples.map(sample => [
        [String(sample.n)],
        sample.reading === 'number'
            ? [document_code(sample.value ?? '')]
            : sample.printed
                ? [document_code(sample.printed)]
                : ['—'],
        [
            sample.reading === 'number'
                ? m.verdict[sample.verdict ?? 'within']
                : `${m.reading[sample.reading]}${sample.reading === 'failed' ? ` (${m.exitCode(sample.exitCode)})` : ''}`
        ]
    ]);
    if (rows.length > 0)
        blocks.push({
            kind: 'collapsed',
            summary: m.samplesShown(rows.length, record.probes),
            blocks: [{ kind: 'table', header: [t.column.number, m.value, t.column.result], rows }]
        });
    return blocks;
}
/** The samples that read as numbers, and the bounds and baseline as flat lines beside them. */
function chartOf(name, place, metric, t) {
    const points = metric.samples.flatMap(sample => {
        const value = sample.value === undefined ? undefined : parseDecimal(sample.value);
        return value === undefined ? [] : [{ n: sample.n, value }];
    });
    if (points.length === 0)
        return undefined;
    const names = t.metric.chartSeries;
    const flat = (text, label) => {
        const value = text === undefined ? undefined : parseDecimal(text);
        return value === undefined ? [] : [{ name: label, values: points.map(() => value) }];
    };
    const series = [
        { name: names.samples, values: points.map(point => point.value) },
        ...flat(metric.max, names.max),
        ...flat(metric.min, names.min),
        ...flat(metric.baseline, names.baseline)
    ];
    return {
        chart: {
            title: t.metric.chartTitle(name, place),
            axis: t.metric.chartAxis,
            labels: points.map(point => String(point.n)),
            series
        },
        key: t.metric.chartKey(series.map(item => item.name).join(t.listSeparator))
    };
}
/** The baselines measured before the first step: each sample, and the median. */
function baselineBlocks(baselines, t) {
    if (baselines.length === 0)
        return [];
    const m = t.metric;
    const rows = baselines.map(baseline => [
        [baseline.check],
        baseline.samples.length === 0
            ? ['—']
            : baseline.samples.flatMap((sample, index) => [
                ...(index === 0 ? [] : [t.listSeparator]),
                sample.reading === 'number' ? document_code(sample.value ?? '') : sampleProblem(sample, t)
            ]),
        [baseline.value === undefined ? strong(m.notMeasured) : document_code(baseline.value)]
    ]);
    return [
        paragraph(strong(m.baselines)),
        { kind: 'table', header: [t.column.check, m.samples, m.median], rows }
    ];
}
/** Follow-ups: each baseline that could not be measured, whose relative bounds were off. */
function baselineWarnings(baselines, t) {
    return baselines
        .filter(baseline => baseline.value === undefined && !baseline.isRequired)
        .map(baseline => t.metric.baselineWarning(baseline.check));
}

;// CONCATENATED MODULE: ./src/report/view-targets.ts
/**
 * A fleet at a glance: how many targets deployed, failed or were undone, then a targets × steps
 * matrix of the per-target steps and checks (collapsed when the fleet is large). The steps and
 * checks tables keep only what ran once, and the per-target records that failed.
 */



/** Above this many targets the matrix is collapsed, and the timeline shows as many lanes. */
const TARGETS_SHOWN = 20;
/** Whether a step record is a per-target step's run for one target (the matrix shows it). */
function isPerTargetRun(report, record) {
    if (record.target === undefined)
        return false;
    return (report.runPlan?.phases ?? []).some(phase => phase.steps.some(step => step.id === record.id && step.isPerTarget));
}
/** Whether a check record judged one target (a per-target check). */
function isPerTargetCheck(record) {
    return record.target !== undefined;
}
function targetsSection(report, t) {
    const outcomes = report.targets;
    if (!outcomes || outcomes.length === 0)
        return undefined;
    const steps = report.steps.filter(record => isPerTargetRun(report, record));
    const checks = report.health.filter(isPerTargetCheck);
    const stepIds = [...new Set(steps.map(record => record.id))];
    const checkNames = [...new Set(checks.map(record => record.name))];
    const latest = (records, matches) => (target) => records.filter(record => record.target === target && matches(record)).at(-1);
    const rows = outcomes.map(outcome => [
        [document_code(outcome.target)],
        ...stepIds.map(id => stepCell(latest(steps, record => record.id === id)(outcome.target), t)),
        ...checkNames.map(name => checkCell(latest(checks, record => record.name === name)(outcome.target), t)),
        outcomeCell(outcome, t)
    ]);
    const table = {
        kind: 'table',
        header: [t.column.target, ...stepIds, ...checkNames, t.column.result],
        rows
    };
    const fleet = report.runPlan?.fleet;
    const blocks = [paragraph(leadOf(outcomes, t))];
    const rollout = fleet?.rollout;
    if (fleet &&
        rollout &&
        (rollout.maxParallel || rollout.pauseMs > 0 || rollout.maxFailedTargets > 0))
        blocks.push(paragraph(t.fleet.batches(batchSizeOf(fleet), formatDuration(rollout.pauseMs), rollout.maxFailedTargets)));
    blocks.push(outcomes.length > TARGETS_SHOWN
        ? { kind: 'collapsed', summary: t.fleet.matrix(outcomes.length), blocks: [table] }
        : table);
    return { title: t.sections.targets, blocks };
}
function leadOf(outcomes, t) {
    const order = [
        'deployed',
        'undone',
        'failed',
        'cancelled',
        'not-started',
        'running',
        'pending'
    ];
    const counts = order
        .map(status => ({ status, count: outcomes.filter(item => item.status === status).length }))
        .filter(item => item.count > 0)
        .map(item => t.fleet.count(t.fleet.outcome[item.status], item.count));
    return t.fleet.lead(outcomes.length, counts.join(t.listSeparator));
}
function stepCell(record, t) {
    return [record ? t.fleet.mark[record.status] : '—'];
}
function checkCell(record, t) {
    if (!record)
        return ['—'];
    return [record.isHealthy ? t.fleet.mark.succeeded : t.fleet.mark.failed];
}
function outcomeCell(outcome, t) {
    const label = t.fleet.outcome[outcome.status];
    return outcome.cause && outcome.status !== 'deployed'
        ? [label, t.colon, document_code(outcome.cause)]
        : [label];
}

;// CONCATENATED MODULE: ./src/report/view-run.ts
/**
 * The sections of the report about what ran: the summary, the changes, the steps, the health
 * checks and the rollback.
 */





/** The traffic a step or check ran at, for runs that step through canary increments. */
function trafficColumn(records, t) {
    if (!records.some(record => record.weight !== undefined))
        return { header: [], cell: () => [] };
    return {
        header: [t.canary.traffic],
        cell: record => [[record.weight === undefined ? '—' : `${record.weight}%`]]
    };
}
/** A step as a cell: its name, and its id in code only when the name says something else. */
function view_run_stepCell(step, t, undoes) {
    const name = undoes === undefined ? step.name : t.undo(step.name);
    return name === step.id ? [document_code(step.id)] : [name, ' (', document_code(step.id), ')'];
}
/** "2026-05-24 10:00:00 UTC": readable, with its time zone. */
function formatTime(iso, t) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
        return iso;
    return `${date.toISOString().slice(0, 19).replace('T', ' ')} ${t.utc}`;
}
function summarySection(report, t) {
    const f = t.field;
    const { deployment } = report;
    const isDryRun = deployment.isDryRun || report.status === 'dry-run';
    const rows = [
        [f.result, [t.status[report.status]]],
        [f.proposal, deployment.proposal ? [document_code(deployment.proposal)] : undefined],
        [f.environment, deployment.environment ? [document_code(deployment.environment)] : undefined],
        [
            f.targets,
            deployment.targets.length > 0
                ? deployment.targets.flatMap((target, index) => index === 0 ? [document_code(target)] : [', ', document_code(target)])
                : undefined
        ],
        [f.version, [document_code(deployment.version)]],
        [f.sha, deployment.sha ? [document_code(deployment.sha)] : undefined],
        [f.mode, [t.mode[deployment.mode]]],
        [f.plan, report.planFile ? [document_code(report.planFile)] : undefined],
        [
            isDryRun ? f.dryRunAt : report.status === 'refused' ? f.checkedAt : f.started,
            [formatTime(report.startedAt, t)]
        ],
        [f.duration, [formatDuration(report.durationMs)]],
        [f.deploymentId, deployment.id ? [deployment.id] : undefined],
        [f.url, report.deployUrl ? [document_code(report.deployUrl)] : undefined],
        [
            t.replacedVersion,
            deployment.rollbackFrom ? [document_code(deployment.rollbackFrom.version)] : undefined
        ],
        [
            f.previousVersion,
            isDryRun || report.status === 'refused' || deployment.mode === 'rollback'
                ? undefined
                : deployment.rollbackPoint
                    ? [document_code(deployment.rollbackPoint.version)]
                    : [t.noPreviousVersion]
        ],
        [f.authorization, report.authorization ? [t.said(report.authorization)] : undefined],
        [f.run, report.runUrl ? [{ link: report.runUrl, url: report.runUrl }] : undefined]
    ];
    const shown = rows.filter((row) => row[1] !== undefined);
    return {
        title: t.sections.summary,
        blocks: [
            {
                kind: 'table',
                header: [t.column.item, t.column.value],
                rows: shown.map(([label, value]) => [[label], value])
            }
        ]
    };
}
function changesSection(changes, t) {
    const shown = changes.commits.slice(0, 20);
    const count = changes.compareUrl
        ? [
            t.changesCount(shown.length, changes.total),
            ' (',
            { link: t.compare, url: changes.compareUrl },
            ')'
        ]
        : [t.changesCount(shown.length, changes.total)];
    const items = shown.map(commit => ({
        line: [
            document_code(commit.sha.slice(0, 7)),
            ' ',
            commit.message.split('\n')[0] ?? '',
            ...(commit.author ? [` (@${commit.author})`] : [])
        ]
    }));
    return {
        title: t.sections.changes,
        blocks: [paragraph(...count), { kind: 'list', isOrdered: false, items }]
    };
}
function stepsSection(report, t) {
    // Per-target runs are in the targets' matrix; only those that failed are listed here too.
    const shown = report.steps.filter(step => !isPerTargetRun(report, step) || step.status === 'failed' || step.status === 'timed-out');
    const traffic = trafficColumn(shown, t);
    const rows = shown.map((step, index) => [
        [String(index + 1)],
        view_run_stepCell(step, t),
        ...traffic.cell(step),
        step.target ? [document_code(step.target)] : ['—'],
        [t.stepStatus[step.status]],
        [step.status === 'skipped' ? '—' : formatDuration(step.durationMs)],
        [step.exitCode !== undefined ? String(step.exitCode) : (step.signal ?? '—')]
    ]);
    const c = t.column;
    const blocks = [
        {
            kind: 'table',
            header: [c.number, c.step, ...traffic.header, c.target, c.result, c.duration, c.exitCode],
            rows
        }
    ];
    const notes = report.steps.filter(step => step.note !== undefined && step.status !== 'succeeded');
    if (notes.length > 0)
        blocks.push({
            kind: 'list',
            isOrdered: false,
            items: notes.map(step => ({
                line: [document_code(step.id), `${t.colon}${step.note ? t.said(step.note) : ''}`]
            }))
        });
    const failed = report.steps.find(step => step.status === 'failed' || step.status === 'timed-out');
    if (failed?.outputTail)
        blocks.push(outputBlock(failed, t));
    return { title: t.sections.steps, blocks };
}
function outputBlock(step, t) {
    const lines = (step.outputTail ?? '')
        .replace(/\n$/, '')
        .split('\n')
        .slice(-LIMITS.failureExcerptLines);
    return {
        kind: 'collapsed',
        summary: t.failedOutput(step.id, lines.length),
        blocks: [{ kind: 'code', text: lines.join('\n'), language: 'text' }]
    };
}
/** The health checks: a table of every check run, the baselines, then each metric check's samples. */
function healthSection(report, t) {
    const c = t.column;
    // Per-target checks are in the targets' matrix; only those that failed are listed here too.
    const health = report.health.filter(record => !isPerTargetCheck(record) || !record.isHealthy);
    const traffic = trafficColumn(health, t);
    const rows = health.map(record => [
        record.target === undefined ? [record.name] : [record.name, ' ', document_code(record.target)],
        ...traffic.cell(record),
        [record.isHealthy ? t.healthy : t.unhealthy],
        [String(record.probes)],
        [String(record.failures)],
        (record.metric && lastResultOf(record.metric, t)) ?? [document_code(lastResult(record, t))],
        [formatDuration(record.durationMs)]
    ]);
    const blocks = [];
    if (rows.length > 0)
        blocks.push({
            kind: 'table',
            header: [
                c.check,
                ...traffic.header,
                c.result,
                c.probes,
                c.failures,
                c.lastResult,
                c.duration
            ],
            rows
        });
    blocks.push(...baselineBlocks(report.baselines ?? [], t));
    for (const record of health)
        if (record.metric)
            blocks.push(...metricBlocks({ ...record, metric: record.metric }, t));
    return { title: t.sections.health, blocks };
}
function lastResult(record, t) {
    const result = record.lastError ?? record.lastStatus;
    return result ? t.said(result) : '—';
}
function rollbackSection(report, t) {
    const rollback = report.rollback;
    if (!rollback)
        return undefined;
    const c = t.column;
    const hasTargets = rollback.steps.some(step => step.target !== undefined);
    const rows = rollback.steps.map((step, index) => [
        [String(index + 1)],
        view_run_stepCell(step, t, step.undoes),
        ...(hasTargets ? [step.target ? [document_code(step.target)] : ['—']] : []),
        [t.stepStatus[step.status]],
        [formatDuration(step.durationMs)],
        [step.exitCode !== undefined ? String(step.exitCode) : '—']
    ]);
    const blocks = [
        paragraph(...t.rollbackCause(document_code(rollback.cause), formatDuration(rollback.durationMs)))
    ];
    if (rows.length > 0)
        blocks.push({
            kind: 'table',
            header: [
                c.number,
                c.step,
                ...(hasTargets ? [c.target] : []),
                c.result,
                c.duration,
                c.exitCode
            ],
            rows
        });
    blocks.push(paragraph(rollback.isComplete ? t.rollbackComplete : strong(t.rollbackIncomplete)));
    return { title: t.sections.rollback, blocks };
}

;// CONCATENATED MODULE: ./src/report/view-plan.ts
/**
 * The sections of the report about the plan: the rollback point and how a rollback would go, and,
 * for a dry run, the steps and health checks that would run.
 */






/** For a real run: what it would go back to, and how, counting only the steps that ran. */
function rollbackPointSection(report, plan, t) {
    const point = report.deployment.rollbackPoint;
    const ran = new Set(report.steps.filter(step => step.status !== 'skipped').map(step => step.id));
    const own = stepRollbacks(plan).filter(step => ran.has(step.id));
    return {
        title: t.sections.rollbackPoint,
        blocks: [
            paragraph(`${t.previousVersionIs}${t.colon}`, point ? document_code(point.version) : t.noPreviousVersion),
            ...procedureBlocks(own, plan.rollbackSteps, t, t.rollbackRanOwnFirst)
        ]
    };
}
function procedureBlocks(own, planSteps, t, ownIntro) {
    if (own.length === 0 && planSteps.length === 0)
        return [paragraph(t.noRollback)];
    const items = [];
    const commandList = (steps) => ({
        kind: 'list',
        isOrdered: false,
        items: steps.map(step => ({ line: [document_code(step.id), t.colon, document_code(step.command)] }))
    });
    if (own.length > 0)
        items.push({
            line: [ownIntro],
            children: [
                commandList([...own].reverse().map(step => ({ id: step.id, command: step.rollback ?? '' })))
            ]
        });
    if (planSteps.length > 0)
        items.push({
            line: [t.rollbackPlanThen],
            children: [commandList(planSteps.map(step => ({ id: step.id, command: step.run })))]
        });
    return [paragraph(t.rollbackIntro), { kind: 'list', isOrdered: true, items }];
}
function previewSection(plan, t) {
    const blocks = [];
    const hasPhases = plan.phases.length > 1;
    const increments = incrementsOf(plan);
    if (increments.length > 0)
        blocks.push(paragraph(t.canary.increments(increments.map(weight => `${weight}%`).join(' → '))));
    const isFleet = plan.phases.some(phase => phase.steps.some(step => step.isPerTarget) || phase.health.some(check => check.isPerTarget));
    if (isFleet)
        blocks.push(paragraph(t.fleet.batches(batchSizeOf(plan.fleet), formatDuration(plan.fleet.rollout.pauseMs), plan.fleet.rollout.maxFailedTargets), ' ', ...plan.fleet.targets.flatMap((target, index) => [
            ...(index > 0 ? [t.listSeparator] : []),
            document_code(target.name)
        ])));
    for (const [index, phase] of plan.phases.entries()) {
        // The same canary steps run at every increment: they are listed once, under the first.
        const isLaterIncrement = phase.kind === 'canary' &&
            phase.weight !== undefined &&
            index > 0 &&
            plan.phases[index - 1]?.kind === 'canary';
        if (isLaterIncrement)
            continue;
        if (hasPhases)
            blocks.push(paragraph(strong(phaseTitle(phase, increments, t))));
        blocks.push({
            kind: 'list',
            isOrdered: true,
            items: phase.steps.map(step => plannedStepItem(step, t))
        });
        if (phase.skippedSteps.length > 0)
            blocks.push({
                kind: 'table',
                header: [t.leftOut, t.column.why],
                rows: phase.skippedSteps.map(({ item, reason }) => [view_run_stepCell(item, t), [t.said(reason)]])
            });
    }
    blocks.push(...plannedHealthBlocks(plan, t));
    blocks.push(...procedureBlocks(stepRollbacks(plan), plan.rollbackSteps, t, t.rollbackOwnFirst));
    return { title: t.sections.preview, blocks };
}
function phaseTitle(phase, increments, t) {
    if (phase.weight === undefined)
        return t.phase[phase.kind];
    if (phase.kind === 'deploy')
        return t.canary.promotion;
    return increments.map(weight => t.canary.previewPhase(weight)).join(' → ');
}
function plannedStepItem(step, t) {
    const details = [
        ...(step.purpose ? [{ line: [`${t.purpose}${t.colon}${step.purpose}`] }] : []),
        {
            line: [
                `${t.target}${t.colon}`,
                step.isPerTarget ? t.eachTarget : step.target ? document_code(step.target) : t.anyTarget,
                ` · ${t.workingDirectory}${t.colon}`,
                document_code(step.workingDirectory),
                ` · ${t.timeout}${t.colon}${formatDuration(step.timeoutMs)}`
            ]
        },
        {
            line: step.rollback
                ? [`${t.ownRollback}${t.colon}`, document_code(step.rollback)]
                : [`${t.ownRollback}${t.colon}${t.noOwnRollback}`]
        }
    ];
    return {
        line: view_run_stepCell(step, t),
        children: [
            { kind: 'list', isOrdered: false, items: details },
            { kind: 'code', text: step.run, language: 'bash' }
        ]
    };
}
function plannedHealthBlocks(plan, t) {
    const checks = plan.phases.flatMap(phase => phase.health.map(check => ({ phase, check })));
    const title = paragraph(strong(t.sections.health));
    if (checks.length === 0)
        return [title, paragraph(t.noHealthChecks)];
    const c = t.column;
    const place = (phase) => phase.weight === undefined
        ? t.phase[phase.kind]
        : phase.kind === 'canary'
            ? t.canary.previewPhase(phase.weight)
            : t.canary.promotion;
    const rows = checks.map(({ phase, check }) => [
        [plan.phases.length > 1 ? `${place(phase)}${t.colon}${check.name}` : check.name],
        [document_code(check.kind === 'http' ? withoutUserinfo(check.url) : check.run)],
        [expectation(check, t)],
        [schedule(check, t)],
        [formatDuration(worstCaseDetectionMs(check))]
    ]);
    const total = checks.reduce((sum, { check }) => sum + worstCaseDetectionMs(check), 0);
    const blocks = [
        title,
        { kind: 'table', header: [c.check, c.probe, c.expect, c.schedule, c.worstCase], rows },
        paragraph(t.totalDetection(formatDuration(total)))
    ];
    const skipped = plan.phases.flatMap(phase => phase.skippedHealth);
    if (skipped.length > 0)
        blocks.push({
            kind: 'table',
            header: [t.leftOut, c.why],
            rows: skipped.map(({ item, reason }) => [[item.name], [t.said(reason)]])
        });
    return blocks;
}
function expectation(check, t) {
    if (check.kind === 'command' && check.metric)
        return metricExpectation(check.metric, t);
    if (check.kind === 'command')
        return t.exitZero;
    const status = check.expectStatus ? t.httpStatus(check.expectStatus.join(' / ')) : t.anyStatus2xx;
    return check.expectBody ? `${status} + ${t.bodyContains(check.expectBody)}` : status;
}
function schedule(check, t) {
    const probing = t.probing(check.retries, formatDuration(check.timeoutMs), formatDuration(check.intervalMs));
    return check.watchMs > 0
        ? `${probing}${t.semicolon}${t.watching(formatDuration(check.watchMs), check.failureLimit)}`
        : probing;
}
/** A metric check's bounds as the plan writes them, for the preview. */
function metricExpectation(metric, t) {
    const m = t.metric;
    const parts = [
        metric.max === undefined ? undefined : m.atMost(formatDecimal(metric.max)),
        metric.min === undefined ? undefined : m.atLeast(formatDecimal(metric.min)),
        metric.baseline?.maxIncrease ? m.increase(changeText(metric.baseline.maxIncrease)) : undefined,
        metric.baseline?.maxDecrease ? m.decrease(changeText(metric.baseline.maxDecrease)) : undefined
    ].filter((part) => part !== undefined);
    const baseline = metric.baseline
        ? `${t.listSeparator}${m.previewBaseline(metric.baseline.samples, metric.baseline.isRequired)}`
        : '';
    return `${m.previewNumber(parts.join(t.listSeparator))}${baseline}`;
}
function changeText(change) {
    return change.kind === 'percent' ? `${change.percent}%` : formatDecimal(change.amount);
}

;// CONCATENATED MODULE: ./src/report/timeline.ts

function timelineOf(report, t) {
    const stepTasks = (steps) => steps.flatMap(step => {
        const name = step.undoes === undefined ? step.id : t.undo(step.id);
        const task = taskOf(step.target !== undefined && isPerTargetRun(report, step) ? `${name} ${step.target}` : name, step.startedAt, step.durationMs, stateOf(step.status));
        return step.status === 'skipped' || !task ? [] : [task];
    });
    const checkTasks = (checks) => checks.flatMap(check => {
        const task = taskOf(check.target === undefined ? check.name : `${check.name} ${check.target}`, check.startedAt, check.durationMs, check.isHealthy ? 'done' : 'failed');
        return task ? [task] : [];
    });
    const baselines = {
        title: t.metric.baselineLane,
        tasks: (report.baselines ?? []).flatMap(baseline => {
            const state = baseline.value === undefined ? 'failed' : 'done';
            const task = taskOf(baseline.check, baseline.startedAt, baseline.durationMs, state);
            return task ? [task] : [];
        })
    };
    const rollback = { title: t.phase.rollback, tasks: stepTasks(report.rollback?.steps ?? []) };
    const weights = [
        ...new Set([...report.steps, ...report.health].flatMap(record => record.phase === 'canary' && record.weight !== undefined ? [record.weight] : []))
    ];
    if (weights.length > 0) {
        const inPhase = (records, phase, weight) => records.filter(record => record.phase === phase && (weight === undefined || record.weight === weight));
        const lanes = [
            baselines,
            ...weights.map(weight => ({
                title: t.canary.lane(weight),
                tasks: [
                    ...stepTasks(inPhase(report.steps, 'canary', weight)),
                    ...checkTasks(inPhase(report.health, 'canary', weight))
                ]
            })),
            {
                title: t.canary.promotionLane,
                tasks: [
                    ...stepTasks(inPhase(report.steps, 'deploy')),
                    ...checkTasks(inPhase(report.health, 'deploy'))
                ]
            },
            rollback
        ];
        return lanes.filter(lane => lane.tasks.length > 0);
    }
    const once = report.steps.filter(step => !isPerTargetRun(report, step));
    const lanes = [
        baselines,
        {
            title: t.phase.canary,
            tasks: stepTasks(once.filter(step => step.phase === 'canary'))
        },
        {
            title: t.phase.deploy,
            tasks: stepTasks(once.filter(step => step.phase === 'deploy'))
        },
        ...targetLanes(report).map(target => ({
            title: target,
            tasks: [
                ...stepTasks(report.steps.filter(step => step.target === target && isPerTargetRun(report, step))),
                ...checkTasks(report.health.filter(check => check.target === target)),
                ...stepTasks((report.undoneTargets ?? []).filter(step => step.target === target))
            ]
        })),
        {
            title: t.sections.health,
            tasks: checkTasks(report.health.filter(check => !isPerTargetCheck(check)))
        },
        rollback
    ];
    return lanes.filter(lane => lane.tasks.length > 0);
}
/**
 * The targets given a lane of their own: all of a small fleet; of a large one, those that failed
 * first, then the others in order, up to TARGETS_SHOWN.
 */
function targetLanes(report) {
    const outcomes = report.targets ?? [];
    const isTrouble = (status) => status !== 'deployed';
    return [
        ...outcomes.filter(item => isTrouble(item.status)),
        ...outcomes.filter(item => !isTrouble(item.status))
    ]
        .slice(0, TARGETS_SHOWN)
        .map(item => item.target)
        .sort((a, b) => outcomes.findIndex(x => x.target === a) - outcomes.findIndex(x => x.target === b));
}
function stateOf(status) {
    if (status === 'succeeded')
        return 'done';
    return status === 'cancelled' ? 'cancelled' : 'failed';
}
function taskOf(name, startedAt, durationMs, state) {
    const startMs = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
    if (Number.isNaN(startMs))
        return undefined;
    return { name, startMs, endMs: startMs + Math.max(1, durationMs), state };
}

;// CONCATENATED MODULE: ./src/report/view.ts








/** Lines of a failed step's output shown in the alert: enough to see the error, not a wall. */
const CAUSE_LINES = 8;
function buildDocument(report, locale) {
    const t = reportText(locale);
    const isDryRun = report.deployment.isDryRun || report.status === 'dry-run';
    const sections = [
        report.status === 'refused' ? unmetSection(report.checks, t) : undefined,
        isDryRun ? undefined : timelineSection(report, t),
        summarySection(report, t),
        targetsSection(report, t),
        report.deployment.changes ? changesSection(report.deployment.changes, t) : undefined,
        report.steps.length > 0 ? stepsSection(report, t) : undefined,
        report.health.length > 0 || (report.baselines ?? []).length > 0
            ? healthSection(report, t)
            : undefined,
        report.rollback ? rollbackSection(report, t) : undefined,
        // A rollback on demand is itself the way back: its summary names the version it replaced.
        !isDryRun && report.runPlan && report.deployment.mode !== 'rollback'
            ? rollbackPointSection(report, report.runPlan, t)
            : undefined,
        isDryRun && report.runPlan ? previewSection(report.runPlan, t) : undefined,
        checksSection(report.checks, t),
        followUpsSection(report, t)
    ];
    const lead = view_leadOf(report, t);
    return {
        headline: headlineOf(report, t),
        ...(lead ? { lead } : {}),
        sections: sections.filter((section) => section !== undefined),
        isNumbered: locale === 'zh'
    };
}
function headlineOf(report, t) {
    const { deployment } = report;
    const status = report.status;
    if (deployment.mode === 'rollback' &&
        deployment.rollbackFrom &&
        (status === 'rolled-back' || status === 'failure' || status === 'dry-run'))
        return t.rollbackHeadline[status](rollbackSubject(report));
    return t.headline[status]({
        proposal: deployment.proposal ?? '—',
        version: deployment.version,
        environment: deployment.environment ?? '—',
        duration: formatDuration(report.durationMs)
    });
}
function rollbackSubject(report) {
    const { deployment } = report;
    return {
        version: deployment.version,
        from: deployment.rollbackFrom?.version ?? '—',
        environment: deployment.environment ?? '—',
        duration: formatDuration(report.durationMs)
    };
}
/** What a reader must see first: why it failed, what was undone, or why a real run would stop. */
function view_leadOf(report, t) {
    if (report.deployment.mode === 'rollback' && report.status === 'rolled-back')
        return { level: 'note', blocks: [paragraph(t.rollbackDoneLead(rollbackSubject(report)))] };
    switch (report.status) {
        case 'refused': {
            const unmet = report.checks.filter(check => check.status === 'failed').length;
            return { level: 'caution', blocks: [paragraph(t.refusedLead(unmet))] };
        }
        case 'dry-run': {
            const blocking = report.checks.filter(check => check.blocksRealRun);
            if (blocking.length === 0)
                return { level: 'note', blocks: [paragraph(t.dryRunLead)] };
            return {
                level: 'warning',
                blocks: [
                    paragraph(strong(t.dryRunWouldRefuse)),
                    {
                        kind: 'list',
                        isOrdered: false,
                        items: blocking.map(check => ({
                            line: [`${t.said(check.title)}${t.colon}${t.said(check.detail)}`]
                        }))
                    },
                    paragraph(t.dryRunLead)
                ]
            };
        }
        case 'success':
            return undefined;
        default:
            return failureLead(report, t);
    }
}
function failureLead(report, t) {
    const blocks = [];
    // A target undone on its own was tolerated: the cause is what failed beyond that.
    const undone = new Set((report.targets ?? []).filter(item => item.status === 'undone').map(item => item.target));
    const counts = (record) => record.target === undefined || !undone.has(record.target);
    const failedStep = report.steps.find(step => (step.status === 'failed' || step.status === 'timed-out') && counts(step));
    const failedCheck = report.health.find(check => !check.isHealthy && counts(check));
    const onTarget = (name, target) => target === undefined ? name : `${name} · ${target}`;
    if (failedStep) {
        const how = failedStep.status === 'timed-out' ? t.stepTimedOut : t.stepFailed;
        const exit = failedStep.exitCode === undefined ? '' : t.exitCodeSuffix(failedStep.exitCode);
        const target = isPerTargetRun(report, failedStep) ? failedStep.target : undefined;
        blocks.push(paragraph(...t.failedStepLead(document_code(onTarget(failedStep.id, target)), how, exit, formatDuration(failedStep.durationMs))));
        const lines = linesThatMatter(failedStep.outputTail ?? '');
        if (lines.length > 0)
            blocks.push({ kind: 'code', text: lines.join('\n'), language: 'text' });
    }
    else if (failedCheck?.metric && failedCheck.metric.samples.length > 0) {
        const result = lastResultOf(failedCheck.metric, t) ?? [];
        blocks.push(paragraph(...t.metric.failedLead(failedCheck.name, placeOf(failedCheck, t), result)));
    }
    else if (failedCheck) {
        const result = failedCheck.lastError ?? failedCheck.lastStatus;
        blocks.push(paragraph(...t.failedCheckLead(onTarget(failedCheck.name, failedCheck.target), document_code(result ? t.said(result) : '—'))));
    }
    else if (report.status === 'cancelled') {
        blocks.push(paragraph(strong(t.cancelledLead)));
    }
    if (report.error)
        blocks.push(paragraph(strong(t.errorLead), ' ', t.said(report.error)));
    if (report.rollback) {
        const point = report.deployment.rollbackPoint?.version;
        blocks.push(paragraph(report.rollback.isComplete
            ? t.rolledBackLead(report.deployment.environment ?? '—', point)
            : t.rollbackIncompleteLead));
    }
    else if (report.deployment.mode === 'rollback') {
        blocks.push(paragraph(t.rollbackFailedLead));
    }
    else if (report.status !== 'cancelled') {
        blocks.push(paragraph(t.notRolledBackLead));
    }
    return { level: report.status === 'failure' ? 'caution' : 'warning', blocks };
}
/**
 * The lines of a failed step's output a reader needs: the last ones naming an error, with the
 * line after each, else the last lines.
 */
function linesThatMatter(output) {
    const lines = output.replace(/\n$/, '').split('\n');
    if (lines.length === 1 && lines[0] === '')
        return [];
    const marked = lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /\b(error|fatal|failed|failure|exception|denied|refused)\b/i.test(line));
    if (marked.length === 0)
        return lines.slice(-CAUSE_LINES);
    const keep = new Set();
    for (const { index } of marked.slice(-CAUSE_LINES)) {
        keep.add(index);
        if (index + 1 < lines.length)
            keep.add(index + 1);
    }
    return [...keep]
        .sort((a, b) => a - b)
        .slice(-CAUSE_LINES)
        .map(index => lines[index] ?? '');
}
function unmetSection(checks, t) {
    const items = checks
        .filter(check => check.status === 'failed')
        .map(check => {
        const [first = '', ...rest] = (check.fix ? t.said(check.fix) : '').split('\n');
        const children = t
            .said(check.detail)
            .split('\n')
            .map(line => paragraph(line));
        if (check.fix)
            children.push(paragraph(strong(`${t.fix}${t.colon.trimEnd()}`), ' ', first));
        // A fix may carry a block to paste (a front matter skeleton).
        if (rest.length > 0)
            children.push({ kind: 'code', text: rest.join('\n'), language: 'yaml' });
        return { line: [strong(t.said(check.title))], children };
    });
    return { title: t.sections.unmet, blocks: [{ kind: 'list', isOrdered: true, items }] };
}
function timelineSection(report, t) {
    const lanes = timelineOf(report, t);
    if (lanes.length === 0)
        return undefined;
    const targets = report.targets?.length ?? 0;
    const shown = targetLanes(report).length;
    return {
        title: t.sections.timeline,
        blocks: [
            { kind: 'timeline', lanes },
            paragraph(t.timelineNote),
            ...(shown < targets ? [paragraph(t.fleet.lanesShown(shown, targets))] : [])
        ]
    };
}
function checksSection(checks, t) {
    if (checks.length === 0)
        return undefined;
    const rows = checks.map(check => [
        [t.checkStatus[check.status]],
        [t.said(check.title)],
        [t.said(check.detail).split('\n')[0] ?? '']
    ]);
    const table = {
        kind: 'table',
        header: [t.column.result, t.column.check, t.column.detail],
        rows
    };
    const failed = checks.filter(check => check.status === 'failed').length;
    const warnings = checks.filter(check => check.status === 'warning').length;
    if (failed + warnings > 0)
        return { title: t.sections.checks, blocks: [paragraph(t.checksSome(failed, warnings)), table] };
    return {
        title: t.sections.checks,
        blocks: [{ kind: 'collapsed', summary: t.checksPassed(checks.length), blocks: [table] }]
    };
}
function followUpsSection(report, t) {
    const warnings = [
        ...report.checks
            .filter(check => check.status === 'warning')
            .map(check => check.fix ? t.withFix(t.said(check.detail), t.said(check.fix)) : t.said(check.detail)),
        ...baselineWarnings(report.baselines ?? [], t),
        ...report.warnings.map(t.said)
    ];
    const blocks = [];
    if (warnings.length > 0)
        blocks.push({
            kind: 'list',
            isOrdered: false,
            items: warnings.map(warning => ({ line: [warning] }))
        });
    const isRollback = report.deployment.mode === 'rollback';
    const next = isRollback
        ? report.status === 'rolled-back' || report.status === 'dry-run'
            ? t.rollbackNext(report.deployment.proposal ?? '')
            : undefined
        : report.status === 'success' || report.status === 'dry-run'
            ? report.isSmokeRequired && report.deployment.environment
                ? t.smokeNext(report.deployment.environment)
                : t.noSmoke
            : undefined;
    if (blocks.length === 0 && next === undefined)
        return undefined;
    if (next === undefined)
        return { title: t.sections.warnings, blocks };
    if (blocks.length === 0)
        return { title: t.sections.nextStep, blocks: [paragraph(...nextStepLine(next))] };
    const label = strong(`${t.sections.nextStep}${t.colon.trimEnd()}`);
    return {
        title: t.sections.warnings,
        blocks: [...blocks, paragraph(label, ' ', ...nextStepLine(next))]
    };
}
/** The next step's text, its one command in code. */
function nextStepLine(text) {
    const parts = text.split('`');
    return parts.map((part, index) => (index % 2 === 1 ? document_code(part) : part));
}

;// CONCATENATED MODULE: ./src/report/markdown.ts



/** `report` must already be redacted (redact-report.ts). */
function renderReport(report, locale) {
    return renderMarkdown(buildDocument(report, locale));
}
function renderMarkdown(document) {
    const parts = [`# ${markdown_safe_text(document.headline)}`];
    if (document.lead)
        parts.push(markdown_alert(document.lead));
    document.sections.forEach((section, index) => {
        const number = document.isNumbered ? `${chineseNumeral(index + 1)}、` : '';
        parts.push(`## ${number}${markdown_safe_text(section.title)}`, ...section.blocks.map(block));
    });
    return `${parts.join('\n\n')}\n`;
}
const ALERT_KIND = { note: 'NOTE', tip: 'TIP', warning: 'WARNING', caution: 'CAUTION' };
/** A GitHub alert: a block quote whose first line names its kind. */
function markdown_alert(lead) {
    const body = lead.blocks.map(block).join('\n\n');
    return `> [!${ALERT_KIND[lead.level]}]\n${body.replace(/^/gm, '> ').replace(/> $/gm, '>')}`;
}
function block(item) {
    switch (item.kind) {
        case 'paragraph':
            return inline(item.line);
        case 'list':
            return item.items
                .map((entry, index) => listItem(entry, item.isOrdered ? `${index + 1}. ` : '- '))
                .join('\n');
        case 'table':
            return table(item.header.map(markdown_safe_text), item.rows.map(row => row.map(inline)));
        case 'code':
            return fenced(item.text, item.language);
        case 'collapsed':
            return details(item.summary, item.blocks.map(block).join('\n\n'));
        case 'timeline':
            return gantt(item.lanes);
        case 'chart':
            return xychart(item.chart);
    }
}
/** A list item whose children are indented under its text, so GitHub nests them. */
function listItem(entry, marker) {
    const children = (entry.children ?? []).map(child => block(child).replace(/^(?=.)/gm, ' '.repeat(marker.length)));
    return [`${marker}${inline(entry.line)}`, ...children].join('\n\n');
}
function inline(line) {
    return line.map(part).join('');
}
function part(piece) {
    if (typeof piece === 'string')
        return markdown_safe_text(piece);
    if ('code' in piece)
        return code(piece.code);
    if ('strong' in piece)
        return `**${markdown_safe_text(piece.strong)}**`;
    return `[${markdown_safe_text(piece.link)}](${safeUrl(piece.url)})`;
}
/** Links the action makes (the run, the comparison) are http(s); anything else is not linked. */
function safeUrl(url) {
    return /^https?:\/\/[^\s()<>]+$/.test(url) ? url : '#';
}
/**
 * What Mermaid's gantt lexer reads at the start of a line before it tries a task name: a keyword
 * (`call` and `href` begin a click handler, `accTitle` takes the rest of the line), a date, or a
 * comment (a `%` as the first or second character). Each is a syntax error or a task missing from
 * the chart.
 */
const GANTT_KEYWORDS = [
    'section',
    'title',
    'dateformat',
    'axisformat',
    'excludes',
    'includes',
    'todaymarker',
    'tickinterval',
    'weekday',
    'weekend',
    'click',
    'call',
    'href',
    'gantt',
    'topaxis',
    'inclusiveenddates',
    'acctitle',
    'accdescr',
    'accdescription'
];
const MERMAID_KEYWORDS = new RegExp(`^(?:(?:${GANTT_KEYWORDS.join('|')})\\b|\\d{4}-\\d{2}-\\d{2}\\b|.?%)`, 'i');
/**
 * A task or section name as Mermaid reads it: no separators, nothing at the start that Mermaid
 * reads as something else, and no `%%` or braces, which Mermaid would read as a comment or a
 * `%%{init: ...}%%` directive anywhere.
 */
function ganttName(name) {
    const plain = name
        .replace(/[:;#`<>{}\r\n]/g, ' ')
        .replace(/%+/g, '%')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 60);
    const named = plain === '' ? '—' : plain;
    return MERMAID_KEYWORDS.test(named) ? `· ${named}` : named;
}
const TASK_TAG = { done: 'done', failed: 'crit', cancelled: 'active' };
/** A Mermaid Gantt chart, which GitHub draws in summaries, comments and files. */
function gantt(lanes) {
    const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  todayMarker off'];
    for (const lane of lanes) {
        lines.push(`  section ${ganttName(lane.title)}`);
        for (const task of lane.tasks)
            lines.push(`  ${ganttName(task.name)} :${TASK_TAG[task.state]}, ${task.startMs}, ${task.endMs}`);
    }
    return fenced(lines.join('\n'), 'mermaid');
}
/**
 * Text inside a quoted Mermaid string: Mermaid ends it at a double quote and reads `%%` as a
 * comment or directive, so only letters, digits, spaces and plain punctuation are kept.
 */
function chartText(text) {
    const plain = text
        .replace(/[^\p{L}\p{N} .,_()/+\-%、，（）]/gu, ' ')
        .replace(/%+/g, '%')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 80);
    return plain === '' ? '—' : plain;
}
/** A Mermaid xychart: GitHub draws each series as a line over the labels. */
const XYCHART_COLOURS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e, #8250df"}}}}%%';
function xychart(chart) {
    const list = (items) => `[${items.join(', ')}]`;
    const lines = [
        // Mermaid's default first colour is a pale lavender that all but vanishes on white: the
        // samples get a strong one, the bound and the baseline the next.
        XYCHART_COLOURS,
        'xychart-beta',
        `  title "${chartText(chart.title)}"`,
        `  x-axis ${list(chart.labels.map(label => `"${chartText(label)}"`))}`,
        `  y-axis "${chartText(chart.axis)}"`,
        ...chart.series.map(series => `  line "${chartText(series.name)}" ${list(series.values.map(formatDecimal))}`)
    ];
    return fenced(lines.join('\n'), 'mermaid');
}
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十: section numbers as OpenLogos writes them. */
function chineseNumeral(value) {
    if (value < 10)
        return DIGITS[value] ?? String(value);
    if (value >= 100)
        return String(value);
    const tens = Math.floor(value / 10);
    const ones = value % 10;
    return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${DIGITS[ones] ?? ''}`;
}

;// CONCATENATED MODULE: ./src/report/messages.ts
/**
 * What the report stage says: the record a real run leaves (the report file entry, the markers),
 * and the deployment record that gives the rollback point and the version a rollback puts back.
 */

const report_messages_en = {
    recordingGroup: 'Recording the deployment',
    rollbackInPostStep: 'Cancelled: the rollback runs in the post step of this action',
    entryWritten: (file) => `Report entry written in ${file}`,
    entryUpdated: (file) => `Report entry updated in ${file}`,
    reportNotWritten: (file, error, consequence) => `could not write the report file ${file} (${error.en}): check the path and permissions; ${consequence.en}`,
    markersNotWrittenEither: 'the markers were not written either, as openlogos deploy-done needs the report',
    reportElsewhere: 'the report is in the log and the job summary',
    markersLeftForRollback: 'Markers left alone: a rollback on demand changes no OpenLogos marker',
    noMarkerOnFailure: 'No marker written: the deployment did not succeed',
    markersOff: 'Markers left alone (write-markers: false): run openlogos deploy-done yourself',
    markersNeedDefaultReport: (file, expected) => `the markers were not written: the report went to ${file}, but OpenLogos needs ${expected} to exist after a deployment; use the default report-path, or put a report there and run openlogos deploy-done`,
    markersFailed: (error) => `could not write the OpenLogos markers (${error.en}): run openlogos deploy-done by hand`,
    recordTitle: 'the deployment record and rollback point are known',
    versionsTitle: 'the live version and the version to put back are known',
    nothingToRollBack: (environment, source) => `no successful deployment of '${environment}' is on record (${source.en}): there is nothing to roll back`,
    nothingToRollBackFix: 'a rollback puts back a version deployed before: deploy with mode: deploy first',
    foundIn: (source, versions) => `found in ${source.en}: ${versions.en}`,
    alreadyLive: (version, environment, found) => `version ${version} is the one '${environment}' runs now (${found.en})`,
    alreadyLiveFix: 'leave the version input empty to put back the version before it, or name an earlier one',
    noEarlier: (environment, live, found) => `'${environment}' runs ${live} and no earlier version was deployed successfully (${found.en})`,
    noEarlierFix: 'deploy the version you want with mode: deploy',
    neverDeployed: (version, environment, live, found) => `version ${version} was never deployed successfully to '${environment}' before ${live} (${found.en})`,
    neverDeployedFix: 'name one of the versions found, or leave the version input empty for the one before the live one',
    withNotes: (problem, notes) => `${problem.en}; ${notes.en}`,
    fileRollback: (file, environment, live, target) => `from ${file}: ${environment} runs ${live}; putting back ${target}`,
    filePoint: (file, version) => `rollback point from ${file}: version ${version}`
};
const report_messages_zh = {
    recordingGroup: '记录本次部署',
    rollbackInPostStep: '已取消：回滚将在本 action 的 post 步骤中执行',
    entryWritten: file => `报告条目已写入 ${file}`,
    entryUpdated: file => `报告条目已在 ${file} 中更新`,
    reportNotWritten: (file, error, consequence) => `无法写入报告文件 ${file}（${error.zh}）：请检查路径和权限；${consequence.zh}`,
    markersNotWrittenEither: '标记也没有写入，因为 openlogos deploy-done 需要报告',
    reportElsewhere: '报告见日志和作业摘要',
    markersLeftForRollback: '标记保持不变：按需回滚不修改任何 OpenLogos 标记',
    noMarkerOnFailure: '未写入标记：部署没有成功',
    markersOff: '标记保持不变（write-markers: false）：请自行运行 openlogos deploy-done',
    markersNeedDefaultReport: (file, expected) => `未写入标记：报告写到了 ${file}，而 OpenLogos 要求部署后 ${expected} 存在；请使用默认的 report-path，或在那里放一份报告并运行 openlogos deploy-done`,
    markersFailed: error => `无法写入 OpenLogos 标记（${error.zh}）：请手动运行 openlogos deploy-done`,
    recordTitle: '部署记录和回滚点已知',
    versionsTitle: '线上版本和要恢复的版本已知',
    nothingToRollBack: (environment, source) => `没有「${environment}」成功部署的记录（${source.zh}）：没有可回滚的内容`,
    nothingToRollBackFix: '回滚恢复的是之前部署过的版本：请先用 mode: deploy 部署',
    foundIn: (source, versions) => `在 ${source.zh} 中找到：${versions.zh}`,
    alreadyLive: (version, environment, found) => `版本 ${version} 就是「${environment}」当前运行的版本（${found.zh}）`,
    alreadyLiveFix: '让 version 输入留空以恢复它之前的版本，或指定更早的版本',
    noEarlier: (environment, live, found) => `「${environment}」运行的是 ${live}，没有更早的版本成功部署过（${found.zh}）`,
    noEarlierFix: '用 mode: deploy 部署你想要的版本',
    neverDeployed: (version, environment, live, found) => `版本 ${version} 在 ${live} 之前从未成功部署到「${environment}」（${found.zh}）`,
    neverDeployedFix: '指定找到的版本之一，或让 version 输入留空以恢复线上版本之前的版本',
    withNotes: (problem, notes) => `${problem.zh}；${notes.zh}`,
    fileRollback: (file, environment, live, target) => `来自 ${file}：${environment} 运行的是 ${live}；将恢复 ${target}`,
    filePoint: (file, version) => `回滚点来自 ${file}：版本 ${version}`
};
const report_messages_CATALOGUE = { en: report_messages_en, zh: report_messages_zh };
const report_messages_say = speakerOf(report_messages_CATALOGUE);

;// CONCATENATED MODULE: ./src/report/redact-report.ts
const STRUCTURAL_KEYS = new Set([
    'status',
    'locale',
    'mode',
    'phase',
    'kind',
    'id',
    'environment',
    'targets',
    'target',
    'version',
    'sha',
    'ref',
    'startedAt',
    'finishedAt',
    'proposal',
    'proposalFolder',
    'planFile',
    'reportFile',
    'written',
    'deleted',
    'reading',
    'verdict'
]);
/** Maps whose keys come from outside (a step's DEPLOY_OUTPUT): their keys are text too. */
const MAPS_OF_TEXT = new Set(['outputs']);
function redactReport(report, secrets) {
    if (secrets.size === 0)
        return report;
    return redactValue(report, secrets, undefined);
}
function redactValue(value, secrets, key) {
    if (typeof value === 'string')
        return key !== undefined && STRUCTURAL_KEYS.has(key) ? value : secrets.redact(value);
    if (Array.isArray(value))
        return value.map(item => redactValue(item, secrets, key));
    if (typeof value !== 'object' || value === null)
        return value;
    const isMap = key !== undefined && MAPS_OF_TEXT.has(key);
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [
        isMap ? secrets.redact(name) : name,
        redactValue(item, secrets, isMap ? undefined : name)
    ]));
}

;// CONCATENATED MODULE: ./src/report/record.ts
/**
 * What a real run leaves behind in the project: the report file entry (every real run), then, on
 * success, the OpenLogos markers. The entry comes first because openlogos deploy-done needs the
 * report to exist; a crash between the two is detected by the next run (see preflight).
 */









/** The report file entry for every real run, then, on success, the OpenLogos markers. */
async function recordDeployment(report, options) {
    const { log, settings, proposalFolder } = options;
    const record = recordLine(report, { runKey: options.runKey, hasMarkers: settings.writeMarkers });
    const entry = `${record}\n${renderReport(redactReport(report, options.secrets), report.locale)}`;
    let written;
    try {
        written = await writeReportEntry(settings.projectRoot, settings.reportPath, options.runKey, entry, options.replacing);
        log.info(options.replacing
            ? report_messages_say.entryUpdated(settings.reportPath)
            : report_messages_say.entryWritten(settings.reportPath));
    }
    catch (error) {
        const warning = report_messages_say.reportNotWritten(settings.reportPath, errorMessage(error), report.status === 'success' ? report_messages_say.markersNotWrittenEither : report_messages_say.reportElsewhere);
        log.warning(warning);
        return { report: { ...report, warnings: [...report.warnings, warning] } };
    }
    const done = {
        report: {
            ...report,
            reportFile: settings.reportPath,
            projectChanges: { written: [settings.reportPath], deleted: [] }
        },
        entry: written
    };
    if (report.deployment.mode === 'rollback') {
        log.info(report_messages_say.markersLeftForRollback);
        return done;
    }
    if (report.status !== 'success') {
        log.info(report_messages_say.noMarkerOnFailure);
        return done;
    }
    if (!settings.writeMarkers) {
        log.info(report_messages_say.markersOff);
        return done;
    }
    // openlogos deploy-done, status and smoke expect the report at this one path: markers beside a
    // report elsewhere would leave a state OpenLogos does not accept.
    const expected = OPENLOGOS.defaultReportPath;
    if (settings.reportPath !== expected &&
        !(await isFile(external_node_path_default().join(settings.projectRoot, expected)))) {
        const warning = report_messages_say.markersNeedDefaultReport(settings.reportPath, expected);
        log.warning(warning);
        return { ...done, report: { ...done.report, warnings: [...done.report.warnings, warning] } };
    }
    try {
        const marked = await markDeployDone(settings.projectRoot, proposalFolder);
        marked.notes.forEach(note => log.info(note));
        return {
            ...done,
            report: {
                ...done.report,
                projectChanges: {
                    written: [settings.reportPath, ...marked.written],
                    deleted: marked.deleted
                }
            }
        };
    }
    catch (error) {
        const warning = report_messages_say.markersFailed(errorMessage(error));
        log.warning(warning);
        return { ...done, report: { ...done.report, warnings: [...done.report.warnings, warning] } };
    }
}
/** The hidden line that lets a later run find this entry's outcome without GitHub. */
function recordLine(report, options) {
    const record = {
        run: options.runKey,
        markers: options.hasMarkers,
        environment: report.deployment.environment ?? '',
        status: report.status,
        version: report.deployment.version,
        ...(report.deployment.sha ? { sha: report.deployment.sha } : {}),
        ...(report.deployment.proposal ? { proposal: report.deployment.proposal } : {}),
        ...(report.deployment.mode === 'rollback'
            ? {
                mode: 'rollback',
                ...(report.deployment.rollbackFrom
                    ? { replaces: report.deployment.rollbackFrom.version }
                    : {})
            }
            : {}),
        finishedAt: report.finishedAt
    };
    // '--' cannot occur inside JSON strings escaped this way, so the comment cannot be closed early.
    return `${RECORD_PREFIX}${JSON.stringify(record).replace(/-->/g, '--\\u003e')} -->`;
}
async function isFile(file) {
    return (await external_node_fs_namespaceObject.promises.stat(file).catch(() => undefined))?.isFile() ?? false;
}

;// CONCATENATED MODULE: ./src/github/messages.ts
/**
 * What the GitHub stage says: the approval gate's decisions and the authorization they rest on,
 * the deployment record (rollback point, waits, versions passed over), the PR comment and the
 * record commit, and what an API error means.
 */

const github_messages_en = {
    authorizingGroup: (environment) => `Authorizing the deployment to ${environment}`,
    authorized: (authorization) => `Authorized: ${authorization.en}`,
    authorizedTitle: 'the deployment is authorized',
    recordingPointGroup: (environment) => `Recording the rollback point of ${environment}`,
    urlWithSecret: 'the deployment URL holds a secret, so it is not sent to GitHub as the environment URL: report a URL without credentials or tokens',
    pullRequestTarget: 'the run was triggered by pull_request_target, which runs with secrets and a write token on code a pull request proposes',
    pullRequestTargetFix: 'deploy from push, workflow_dispatch or a release event instead; pull_request_target is refused for real deployments',
    untrustedEvent: (event) => `the run was triggered by ${event}, whose checked-out code may come from elsewhere than the branch being deployed`,
    untrustedEventFix: 'deploy from push, workflow_dispatch or a release event instead',
    noRepository: 'GITHUB_REPOSITORY is empty: the run cannot tell whose code it deploys',
    noRepositoryFix: 'run the action on a GitHub runner, where GITHUB_REPOSITORY names the repository',
    noPullRequest: (event) => `the ${event} event carries no pull request: the run cannot tell whether its code comes from a fork`,
    noPullRequestFix: "deploy from push or workflow_dispatch, or check that the event file is the runner's",
    fromFork: (head) => `the pull request comes from a fork (${head.en}): its code must not be deployed with this repository's credentials`,
    unknownFork: 'an unknown or deleted repository',
    fromForkFix: 'merge the change, or push it to a branch of this repository, then deploy from there',
    unknownActor: 'an unknown actor',
    noApprovalNeeded: (actor) => `no human approval: require-approval is false; run started by ${actor.en}`,
    noToken: (environment) => `github-token is empty, so nothing can prove that '${environment}' was approved`,
    noTokenFix: 'leave github-token at its default (${{ github.token }}) with permissions actions: read and deployments: write',
    notProven: (environment, error) => `could not prove that '${environment}' was approved for this run (${error.en})`,
    noEnvironment: (environment, repository) => `environment '${environment}' does not exist in ${repository.en}: the job is not gated by it`,
    thisRepository: 'this repository',
    noEnvironmentFix: (environment) => `add 'environment: ${environment}' to the deploying job and give the environment required reviewers (Settings > Environments > ${environment})`,
    noReviewers: (environment) => `environment '${environment}' has no required reviewers, so nothing proves a person approved this deployment`,
    noReviewersFix: (environment) => `add reviewers under Settings > Environments > ${environment} > Required reviewers, or set require-approval: false to deploy without one`,
    noRunId: 'GITHUB_RUN_ID is not set, so the approvals of this run cannot be read',
    inActionsFix: 'run the action in a GitHub Actions job',
    rejected: (user, environment) => `@${user} rejected the deployment to '${environment}'`,
    notApproved: (environment) => `no reviewer approved this run for '${environment}': the job does not declare 'environment: ${environment}', or an administrator bypassed the review`,
    notApprovedFix: (environment) => `declare 'environment: ${environment}' on the deploying job so that a required reviewer approves the run before it starts`,
    noActor: 'GITHUB_ACTOR is empty, so require-distinct-approver cannot tell the approver from the person who started the run',
    noActorFix: 'run the action in a GitHub Actions job, where GITHUB_ACTOR is set',
    selfApproved: (approvers, actor) => `the only approver (${approvers.en}) is ${actor.en}, who started the run; require-distinct-approver is on`,
    selfApprovedFix: (environment) => `ask another reviewer of '${environment}' to approve, or enable "Prevent self-review" on the environment`,
    approverSaying: (user, comment) => `@${user} ("${comment}")`,
    team: (name) => `team ${name}`,
    reviewers: (reviewers) => `required reviewers ${reviewers.en}`,
    selfReviewPrevented: (rule) => `${rule.en} (self-review prevented)`,
    customRule: (apps) => `custom protection rule ${apps.en}`,
    waitTimer: (minutes) => `wait timer ${minutes}m`,
    branchPolicy: 'branch policy',
    approvedBy: (who, environment, rules, actor) => `approved by ${who.en} for ${environment}; rules: ${rules.en}; run started by ${actor.en}`,
    confirmedLocally: (user, environment) => `confirmed locally by ${user} with --confirm ${environment}; no GitHub approval gate`,
    needsConfirm: (environment) => `a local deployment to '${environment}' needs --confirm ${environment}`,
    needsConfirmFix: (environment) => `run again with --confirm ${environment} to authorize it, or use --dry-run`,
    tokenRefused: (status, permission) => `the token was refused (HTTP ${status}): add '${permission}' under permissions: in the job`,
    httpError: (status, message) => `GitHub answered HTTP ${status}: ${message.en}`,
    unreachable: (message) => `could not reach the GitHub API: ${message.en}`,
    notSent: 'the request was not sent: the run was cancelled',
    stopped: 'the request stopped: the run was cancelled',
    noAnswer: (seconds, attempts) => `no answer from GitHub within ${seconds}s, ${attempts} times`,
    notAList: 'GitHub answered the list of deployments with something else than a list',
    deploymentsUnread: (environment, error) => `could not read the GitHub deployments of '${environment}' (${error.en}), so the version to put back is unknown`,
    deploymentUnmade: (environment, error) => `could not read or create the GitHub deployment of '${environment}' (${error.en}), so the rollback point is unknown`,
    markFailed: (id, status, why) => `could not mark GitHub deployment ${id} as ${status}: ${why.en}`,
    inactiveFailed: (id, why) => `could not mark GitHub deployment ${id} inactive after the rollback: ${why.en}; a later rollback may choose its version again`,
    rollbackCreated: (id, target, current) => `GitHub deployment ${id} created for ${target}, replacing ${current}, and marked in progress`,
    lastDeployments: (count) => `the last ${count} GitHub deployments`,
    versionInReportFile: (version) => `version ${version} found in the report file`,
    notClosed: (id, error) => `could not close GitHub deployment ${id} (${error.en}): it may hold the next run of this environment waiting; mark it inactive or delete it`,
    jobDeployment: (id) => `GitHub deployment ${id} was created for this job by its environment`,
    created: (id) => `GitHub deployment ${id} created and marked in progress`,
    stillDeploying: (environment, id, state, waited) => `another run is still deploying '${environment}' (GitHub deployment ${id}, ${state}) after waiting ${waited}`,
    stillDeployingFix: (environment) => `let it finish and run again; add 'concurrency: { group: deploy-${environment}, cancel-in-progress: false }' to the workflow so runs queue`,
    replacedByRollback: (id, version) => `GitHub deployment ${id} (${version}) was replaced by a rollback on demand, so it is not a version to go back to`,
    notOurs: (id) => `GitHub deployment ${id} succeeded without a deployment recorded by deploy-executor (a dry run in a job with 'environment:', or another tool), so it is not a rollback point`,
    waiting: (environment, id, at) => `Another run is deploying '${environment}' (GitHub deployment ${id}); waiting for it, at most ${at}`,
    stillWaiting: (state) => `still ${state}; waiting`,
    waited: (id, state) => `waited for GitHub deployment ${id} of another run to finish (${state})`,
    notLookedFurther: (lookups, total, environment) => `no deployment recorded by deploy-executor among the newest ${lookups} of ${total} GitHub deployments of '${environment}'; older ones were not looked into, so the rollback point comes from the report file, if it has one`,
    commitsUnlisted: (sha, why) => `could not list the commits since ${sha}: ${why.en}`,
    fromForkNoComment: (head) => `no PR comment: the pull request comes from the fork ${head}, whose runs get a read-only token; read the report in the job summary`,
    noPullRequestForCommit: 'no pull request is associated with this commit; set pr-number to comment on one',
    thePullRequest: 'the pull request',
    pullRequest: (number) => `pull request #${number}`,
    commentFailed: (where, why) => `could not comment on ${where.en}: ${why.en}`,
    persistOff: 'persist is off',
    noFileChanged: 'the run changed no file',
    notABranch: (ref) => `the record was not committed: the run's ref (${ref.en}) is not a branch; run the deployment from the proposal's branch, or commit the files by hand`,
    noRef: 'none',
    branchGone: (branch) => `the record was not committed: branch ${branch} no longer exists`,
    notCommitted: (why, branch) => `the record was not committed (${why.en}): give the job contents: write (and pull-requests: write for persist: pull-request), allow it to push to ${branch} past branch protection, or commit the files listed below by hand`
};
const github_messages_zh = {
    authorizingGroup: environment => `授权部署到 ${environment}`,
    authorized: authorization => `已授权：${authorization.zh}`,
    authorizedTitle: '部署已获授权',
    recordingPointGroup: environment => `记录 ${environment} 的回滚点`,
    urlWithSecret: '部署地址中含有密钥，因此不会作为环境地址发给 GitHub：请报告不含凭据或令牌的地址',
    pullRequestTarget: '本次运行由 pull_request_target 触发，它会带着密钥和写权限令牌运行拉取请求提议的代码',
    pullRequestTargetFix: '改为从 push、workflow_dispatch 或 release 事件部署；正式部署拒绝 pull_request_target',
    untrustedEvent: event => `本次运行由 ${event} 触发，签出的代码可能并非来自要部署的分支`,
    untrustedEventFix: '改为从 push、workflow_dispatch 或 release 事件部署',
    noRepository: 'GITHUB_REPOSITORY 为空：无法判断部署的是谁的代码',
    noRepositoryFix: '在 GitHub 的 runner 上运行本 action，那里的 GITHUB_REPOSITORY 指明了仓库',
    noPullRequest: event => `${event} 事件不含拉取请求：无法判断代码是否来自 fork`,
    noPullRequestFix: '从 push 或 workflow_dispatch 部署，或确认事件文件来自 runner',
    fromFork: head => `该拉取请求来自 fork（${head.zh}）：不得用本仓库的凭据部署它的代码`,
    unknownFork: '未知或已删除的仓库',
    fromForkFix: '合并该变更，或把它推送到本仓库的分支，再从那里部署',
    unknownActor: '未知的用户',
    noApprovalNeeded: actor => `没有人工审批：require-approval 为 false；运行由 ${actor.zh} 发起`,
    noToken: environment => `github-token 为空，因此无法证明「${environment}」已获审批`,
    noTokenFix: '让 github-token 保持默认值（${{ github.token }}），并授予 actions: read 和 deployments: write 权限',
    notProven: (environment, error) => `无法证明本次运行已获「${environment}」的审批（${error.zh}）`,
    noEnvironment: (environment, repository) => `${repository.zh} 中不存在环境「${environment}」：该 job 并不受它保护`,
    thisRepository: '本仓库',
    noEnvironmentFix: environment => `在执行部署的 job 上添加「environment: ${environment}」，并为该环境设置必需的审核者（Settings > Environments > ${environment}）`,
    noReviewers: environment => `环境「${environment}」没有必需的审核者，因此无法证明有人批准了本次部署`,
    noReviewersFix: environment => `在 Settings > Environments > ${environment} > Required reviewers 下添加审核者，或设置 require-approval: false 以在无人审批的情况下部署`,
    noRunId: '未设置 GITHUB_RUN_ID，因此无法读取本次运行的审批',
    inActionsFix: '在 GitHub Actions 的 job 中运行本 action',
    rejected: (user, environment) => `@${user} 拒绝了部署到「${environment}」`,
    notApproved: environment => `没有审核者批准本次运行部署到「${environment}」：该 job 没有声明「environment: ${environment}」，或管理员绕过了审核`,
    notApprovedFix: environment => `在执行部署的 job 上声明「environment: ${environment}」，让必需的审核者在运行开始前批准`,
    noActor: 'GITHUB_ACTOR 为空，因此 require-distinct-approver 无法区分审批人和发起运行的人',
    noActorFix: '在设置了 GITHUB_ACTOR 的 GitHub Actions job 中运行本 action',
    selfApproved: (approvers, actor) => `唯一的审批人（${approvers.zh}）就是发起运行的 ${actor.zh}；require-distinct-approver 已开启`,
    selfApprovedFix: environment => `请「${environment}」的另一位审核者批准，或在该环境上开启「Prevent self-review」`,
    approverSaying: (user, comment) => `@${user}（「${comment}」）`,
    team: name => `团队 ${name}`,
    reviewers: reviewers => `必需的审核者 ${reviewers.zh}`,
    selfReviewPrevented: rule => `${rule.zh}（禁止自审）`,
    customRule: apps => `自定义保护规则 ${apps.zh}`,
    waitTimer: minutes => `等待计时器 ${minutes} 分钟`,
    branchPolicy: '分支策略',
    approvedBy: (who, environment, rules, actor) => `由 ${who.zh} 批准部署到 ${environment}；规则：${rules.zh}；运行由 ${actor.zh} 发起`,
    confirmedLocally: (user, environment) => `由 ${user} 在本地用 --confirm ${environment} 确认；没有 GitHub 审批关卡`,
    needsConfirm: environment => `在本地部署到「${environment}」需要 --confirm ${environment}`,
    needsConfirmFix: environment => `加上 --confirm ${environment} 重新运行以授权，或使用 --dry-run`,
    tokenRefused: (status, permission) => `令牌被拒绝（HTTP ${status}）：在 job 的 permissions: 下添加「${permission}」`,
    httpError: (status, message) => `GitHub 返回 HTTP ${status}：${message.zh}`,
    unreachable: message => `无法连接 GitHub API：${message.zh}`,
    notSent: '请求没有发出：运行已被取消',
    stopped: '请求已中止：运行已被取消',
    noAnswer: (seconds, attempts) => `GitHub 在 ${seconds}s 内没有回答，共 ${attempts} 次`,
    notAList: 'GitHub 对部署记录列表的回答不是列表',
    deploymentsUnread: (environment, error) => `无法读取「${environment}」的 GitHub 部署记录（${error.zh}），因此不知道要恢复哪个版本`,
    deploymentUnmade: (environment, error) => `无法读取或创建「${environment}」的 GitHub 部署记录（${error.zh}），因此回滚点未知`,
    markFailed: (id, status, why) => `无法把 GitHub 部署记录 ${id} 标记为 ${status}：${why.zh}`,
    inactiveFailed: (id, why) => `回滚后无法把 GitHub 部署记录 ${id} 标记为 inactive：${why.zh}；之后的回滚可能再次选中它的版本`,
    rollbackCreated: (id, target, current) => `已为 ${target} 创建 GitHub 部署记录 ${id}，替换 ${current}，并标记为进行中`,
    lastDeployments: count => `最近 ${count} 条 GitHub 部署记录`,
    versionInReportFile: version => `在报告文件中找到版本 ${version}`,
    notClosed: (id, error) => `无法关闭 GitHub 部署记录 ${id}（${error.zh}）：它可能让该环境的下一次运行一直等待；请把它标记为 inactive 或删除`,
    jobDeployment: id => `GitHub 部署记录 ${id} 是该 job 的环境为它创建的`,
    created: id => `已创建 GitHub 部署记录 ${id} 并标记为进行中`,
    stillDeploying: (environment, id, state, waited) => `等待 ${waited} 后，另一次运行仍在部署「${environment}」（GitHub 部署记录 ${id}，${state}）`,
    stillDeployingFix: environment => `等它结束后再运行；在工作流中添加「concurrency: { group: deploy-${environment}, cancel-in-progress: false }」让运行排队`,
    replacedByRollback: (id, version) => `GitHub 部署记录 ${id}（${version}）已被按需回滚替换，因此不是可以回到的版本`,
    notOurs: id => `GitHub 部署记录 ${id} 成功了，但不是 deploy-executor 记录的部署（是带「environment:」的 job 中的预演，或其他工具），因此不是回滚点`,
    waiting: (environment, id, at) => `另一次运行正在部署「${environment}」（GitHub 部署记录 ${id}）；等待它结束，最多 ${at}`,
    stillWaiting: state => `仍为 ${state}；继续等待`,
    waited: (id, state) => `已等待另一次运行的 GitHub 部署记录 ${id} 结束（${state}）`,
    notLookedFurther: (lookups, total, environment) => `「${environment}」的 ${total} 条 GitHub 部署记录中，最新的 ${lookups} 条里没有 deploy-executor 记录的部署；更早的没有查看，因此回滚点（如果有）来自报告文件`,
    commitsUnlisted: (sha, why) => `无法列出 ${sha} 之后的提交：${why.zh}`,
    fromForkNoComment: head => `不发表 PR 评论：该拉取请求来自 fork ${head}，它的运行只有只读令牌；请在作业摘要中查看报告`,
    noPullRequestForCommit: '没有与该提交关联的拉取请求；设置 pr-number 以在某个拉取请求上评论',
    thePullRequest: '该拉取请求',
    pullRequest: number => `拉取请求 #${number} `,
    commentFailed: (where, why) => `向${where.zh}发表评论失败：${why.zh}`,
    persistOff: 'persist 已关闭',
    noFileChanged: '本次运行没有修改任何文件',
    notABranch: ref => `记录没有提交：本次运行的 ref（${ref.zh}）不是分支；请从提案的分支运行部署，或手动提交这些文件`,
    noRef: '无',
    branchGone: branch => `记录没有提交：分支 ${branch} 已不存在`,
    notCommitted: (why, branch) => `记录没有提交（${why.zh}）：请给该 job 授予 contents: write（persist: pull-request 还需要 pull-requests: write），允许它越过分支保护推送到 ${branch}，或手动提交下面列出的文件`
};
const github_messages_CATALOGUE = { en: github_messages_en, zh: github_messages_zh };
const github_messages_say = speakerOf(github_messages_CATALOGUE);

;// CONCATENATED MODULE: ./src/deploy.ts
/**
 * The orchestrator: the pipeline of a deployment, phase after phase. Pre-flight, the approval gate,
 * the rollback point, the execution, the record. Outside systems come in as dependencies, so the
 * same engine serves the action, the CLI and the tests.
 */
















async function deploy(settings, deps) {
    const startedAt = deps.clock.now();
    deps.secrets.add(settings.githubToken);
    const preflight = await checkReadiness(settings, deps);
    if (preflight.kind === 'refused') {
        return finish(emptyReport(preflight, refusedFacts(preflight, settings, deps), startedAt, deps), 'refused', deps);
    }
    const { runPlan } = preflight;
    const ready = { ...emptyReport(preflight, preflight.deployment, startedAt, deps), runPlan };
    if (settings.isDryRun && preflight.deployment.mode === 'rollback') {
        // The dry run of a rollback shows both versions, read from the record without writing to it.
        const choice = await deps.tracker.resolveRollback(preflight.deployment);
        const previewed = choice.kind === 'found'
            ? { ...ready, deployment: withRollback(preflight.deployment, choice) }
            : {
                ...ready,
                checks: [
                    ...ready.checks,
                    wouldRefuse(report_messages_say.versionsTitle, choice.problem, choice.fix)
                ]
            };
        if (choice.kind === 'found')
            choice.notes.forEach(note => deps.log.info(note));
        await deps.log.group(plan_messages_say.dryRunGroup, () => Promise.resolve(logRunPlan(runPlan, previewed.deployment, deps.log)));
        return finish(previewed, 'dry-run', deps);
    }
    if (settings.isDryRun) {
        await deps.log.group(plan_messages_say.dryRunGroup, () => Promise.resolve(logRunPlan(runPlan, preflight.deployment, deps.log)));
        return finish(ready, 'dry-run', deps);
    }
    const decision = await authorize(preflight.deployment.environment, deps);
    if (decision.kind === 'refused') {
        return finish(withFailedCheck(ready, github_messages_say.authorizedTitle, decision.problem, decision.fix), 'refused', deps);
    }
    const authorized = {
        ...ready,
        authorization: decision.authorization,
        approvals: decision.approvals
    };
    // From the moment a GitHub deployment exists, the journal knows it: a run killed before its
    // first step still gets that deployment closed by the post step.
    let opened;
    const start = await recordRollbackPoint(preflight.deployment, deps, async (id) => {
        opened = journalWriter(deps, {
            deployment: { ...preflight.deployment, id: String(id) },
            runPlan,
            secretNames: preflight.plan.secrets,
            ownedDeploymentId: id
        });
        await opened.save(authorized);
    });
    if (start.kind === 'refused') {
        const title = preflight.deployment.mode === 'rollback' ? report_messages_say.versionsTitle : report_messages_say.recordTitle;
        const isCancelled = deps.signal?.aborted === true;
        const report = finish(withFailedCheck(authorized, title, start.problem, start.fix), isCancelled ? 'cancelled' : 'refused', deps);
        // Cancelled with a deployment open: the post step closes it and records the cancellation.
        await opened?.save(report, { isComplete: !isCancelled });
        return report;
    }
    const deployment = {
        ...(start.rollback ? withRollback(preflight.deployment, start.rollback) : preflight.deployment),
        id: start.deploymentId,
        rollbackPoint: start.rollbackPoint,
        changes: start.changes
    };
    const started = { ...authorized, deployment };
    const journal = journalWriter(deps, {
        deployment,
        runPlan,
        secretNames: preflight.plan.secrets,
        ownedDeploymentId: start.ownsDeployment && start.deploymentId ? Number(start.deploymentId) : undefined
    });
    await journal.save(started);
    const measured = await measureMetricBaselines(started, runPlan, settings, journal, deps);
    if (measured.kind === 'stopped')
        return measured.report;
    const execution = await execute(measured.report, runPlan, settings, journal, deps, measured.values);
    const status = deploy_statusOf(deployment.mode, execution.status);
    return recordOutcome(finish(withExecution(measured.report, execution), status, deps), {
        execution,
        settings,
        journal,
        deps
    });
}
async function checkReadiness(settings, deps) {
    return deps.log.group(plan_messages_say.checkingGroup, async () => {
        const result = await runPreflight({
            request: settings,
            source: { sha: deps.context.sha ?? '', ref: deps.context.ref ?? '' },
            env: deps.env,
            runGateCommand: gateCommandRunner(settings.projectRoot, deps)
        });
        if (result.kind === 'ready')
            result.plan.secrets.forEach(name => deps.secrets.add(deps.env[name]));
        logChecks(result.checks, deps.log);
        if (result.kind === 'refused') {
            const unmet = result.checks.filter(check => check.status === 'failed').length;
            deps.log.error(plan_messages_say.refusedLine(unmet));
        }
        return result;
    });
}
/**
 * A command verify gate of the project's OpenLogos flow, run as OpenLogos runs it: `/bin/sh -c` in
 * the project root, with the job's environment; it passes on exit code 0 within its timeout.
 */
function gateCommandRunner(root, deps) {
    return async (command, timeoutMs) => {
        const result = await deps.runner.run({
            script: 'exec /bin/sh -c "$OPENLOGOS_GATE_COMMAND"',
            cwd: root,
            env: { ...step_environment_jobEnvironment(deps.env), OPENLOGOS_GATE_COMMAND: command },
            timeoutMs,
            onOutput: () => undefined,
            tailBytes: 4096,
            signal: deps.signal
        });
        const detail = result.status === 'timed-out'
            ? openlogos_messages_say.commandTimedOut
            : result.exitCode === undefined
                ? openlogos_messages_say.commandUnfinished(result.status)
                : openlogos_messages_say.commandExited(result.exitCode);
        return { isPassed: result.status === 'succeeded', detail };
    };
}
async function authorize(environment, deps) {
    return deps.log.group(github_messages_say.authorizingGroup(environment), async () => {
        const result = await deps.gate.authorize(environment);
        if (result.kind === 'approved')
            deps.log.info(github_messages_say.authorized(result.authorization));
        else
            deps.log.error(messages_say.withFix(result.problem, result.fix));
        return result;
    });
}
async function recordRollbackPoint(deployment, deps, onCreated) {
    return deps.log.group(github_messages_say.recordingPointGroup(deployment.environment), async () => {
        const result = await deps.tracker.begin(deployment, onCreated);
        if (result.kind === 'refused')
            deps.log.error(messages_say.withFix(result.problem, result.fix));
        else
            result.notes.forEach(note => deps.log.info(note));
        return result;
    });
}
/**
 * The metric checks' baselines, before the first step. One that cannot be measured refuses the
 * run (nothing has run; the GitHub deployment is closed); a cancellation stops it here.
 */
async function measureMetricBaselines(report, runPlan, settings, journal, deps) {
    if (baselineChecks(runPlan).length === 0)
        return { kind: 'measured', report, values: new Map() };
    const result = await deps.log.group(execution_messages_say.metric.measuringGroup, () => measureBaselines({
        runPlan,
        root: settings.projectRoot,
        job: step_environment_jobEnvironment(deps.env),
        deployment: report.deployment
    }, { runner: deps.runner, clock: deps.clock, log: deps.log, signal: deps.signal }));
    const measured = { ...report, baselines: result.records };
    if (result.kind === 'measured') {
        await journal.save(measured);
        return { kind: 'measured', report: measured, values: result.values };
    }
    if (result.kind === 'cancelled') {
        // Nothing ran; the post step closes the GitHub deployment and records the cancellation.
        const cancelled = finish(measured, 'cancelled', deps);
        await journal.save(cancelled);
        return { kind: 'stopped', report: cancelled };
    }
    const { check, sample } = result;
    const detail = inBoth(t => t.metric.unmeasurable(check.name, sample.n, check.metric.baseline.samples, sampleProblem(sample, t)));
    deps.log.error(execution_messages_say.metric.refusedBeforeFirstStep(detail));
    const title = inBoth(t => t.metric.baselineTitle);
    const fix = inBoth(t => t.metric.unmeasurableFix(check.run));
    const refused = finish(withFailedCheck(measured, title, detail, fix), 'refused', deps);
    const warning = await deps.tracker.finish({
        status: 'refused',
        summary: deps.secrets.redact(`refused: the baseline of ${check.name} could not be measured`)
    });
    if (warning)
        deps.log.warning(warning);
    const final = warning ? { ...refused, warnings: [...refused.warnings, warning] } : refused;
    await journal.save(final, { isComplete: true });
    return { kind: 'stopped', report: final };
}
async function execute(report, runPlan, settings, journal, deps, baselines) {
    const { deployment } = report;
    const point = deployment.rollbackPoint;
    deps.log.info(point
        ? execution_messages_say.deploying(deployment.proposal, deployment.version, deployment.environment, point.version)
        : execution_messages_say.deployingFirst(deployment.proposal, deployment.version, deployment.environment));
    return executeRunPlan({
        runPlan,
        deployment,
        root: settings.projectRoot,
        job: step_environment_jobEnvironment(deps.env),
        // A rollback on demand has nothing to undo it in turn.
        rollbackOnFailure: settings.rollbackOnFailure && deployment.mode !== 'rollback',
        rollbackOnCancel: deps.rollbackOnCancel,
        baselines
    }, {
        runner: deps.runner,
        probe: deps.probe,
        clock: deps.clock,
        log: deps.log,
        tempDir: deps.tempDir,
        signal: deps.signal,
        onProgress: progress => journal.progress(report, progress)
    });
}
async function recordOutcome(report, run) {
    const { execution, deps } = run;
    return deps.log.group(report_messages_say.recordingGroup, async () => {
        // A cancelled run whose rollback is still to come is not final: the post step records it.
        const isFinal = execution.pendingRollback === undefined;
        const warning = isFinal
            ? await deps.tracker.finish({
                status: deploy_recordedStatus(report),
                summary: deps.secrets.redact(`${report.status}: ${report.deployment.proposal ?? ''} ${report.deployment.version}`),
                deployUrl: deploy_urlForGitHub(report.deployUrl, deps)
            })
            : undefined;
        if (warning)
            deps.log.warning(warning);
        if (!isFinal)
            deps.log.warning(report_messages_say.rollbackInPostStep);
        const recorded = await recordDeployment(warning ? { ...report, warnings: [...report.warnings, warning] } : report, {
            settings: run.settings,
            proposalFolder: report.deployment.proposalFolder ?? '',
            log: deps.log,
            secrets: deps.secrets,
            runKey: deps.runKey
        });
        await run.journal.save(recorded.report, {
            isComplete: isFinal,
            reportEntry: recorded.entry,
            pendingRollback: execution.pendingRollback
        });
        return recorded.report;
    });
}
/**
 * The deployment URL as GitHub may be told it (environment_url): not when it holds a secret, which
 * GitHub would show on the repository's Deployments page.
 */
function deploy_urlForGitHub(url, deps) {
    if (url === undefined || !deps.secrets.holdsSecret(url))
        return url;
    deps.log.warning(github_messages_say.urlWithSecret);
    return undefined;
}
/** A rollback on demand deploys the version it puts back, replacing the live one. */
function withRollback(deployment, choice) {
    return {
        ...deployment,
        version: choice.target.version,
        sha: choice.target.sha,
        rollbackFrom: choice.current,
        rollbackPoint: choice.current
    };
}
/** A rollback on demand that ran every step and passed every check has rolled back. */
function deploy_statusOf(mode, status) {
    return mode === 'rollback' && status === 'success' ? 'rolled-back' : status;
}
/** What GitHub's deployment record is told: a rollback on demand that worked is a success there. */
function deploy_recordedStatus(report) {
    return report.deployment.mode === 'rollback' && report.status === 'rolled-back'
        ? 'success'
        : report.status;
}
function withExecution(report, execution) {
    return {
        ...report,
        steps: execution.steps,
        health: execution.health,
        rollback: execution.rollback,
        deployUrl: execution.deployUrl,
        ...(execution.targets ? { targets: execution.targets } : {}),
        ...(execution.undoneTargets ? { undoneTargets: execution.undoneTargets } : {}),
        warnings: [...report.warnings, ...execution.warnings]
    };
}
function withFailedCheck(report, title, problem, fix) {
    return { ...report, checks: [...report.checks, failed(title, problem, fix)] };
}
function journalWriter(deps, context) {
    const write = async (report, extra = {}) => {
        if (!deps.journal)
            return;
        await deps.journal.save({
            ...context,
            runKey: deps.runKey,
            url: report.deployUrl ?? '',
            report,
            isComplete: false,
            ...extra
        });
    };
    return {
        save: write,
        progress: (report, progress) => write({
            ...report,
            steps: progress.steps,
            health: progress.health,
            rollback: progress.rollback,
            targets: progress.targets,
            undoneTargets: progress.undoneTargets,
            deployUrl: progress.deployUrl || undefined
        }, {
            runningStep: progress.runningStep,
            runningWeight: progress.runningWeight,
            runningProcessGroup: progress.runningProcessGroup,
            runningTargets: progress.runningTargets,
            pendingRollback: progress.rollback ? undefined : progress.pendingRollback,
            rollingBack: progress.rollback ? undefined : progress.rollingBack
        })
    };
}
/** What a refused run knew of the deployment it was asked for. */
function refusedFacts(preflight, settings, deps) {
    return {
        proposal: preflight.proposal,
        environment: preflight.environment,
        targets: preflight.targets,
        mode: settings.mode,
        isDryRun: settings.isDryRun,
        version: versionOf(settings.version, deps.context.sha, deps.context.ref),
        sha: deps.context.sha
    };
}
/** The one starting point of every report: what pre-flight found, nothing run yet. */
function emptyReport(start, deployment, startedAt, deps) {
    const at = new Date(startedAt).toISOString();
    return {
        status: 'refused',
        locale: start.locale,
        deployment,
        planFile: start.planFile,
        startedAt: at,
        finishedAt: at,
        durationMs: 0,
        checks: start.checks,
        steps: [],
        health: [],
        approvals: [],
        runUrl: deps.context.runUrl,
        isSmokeRequired: start.isSmokeRequired,
        warnings: []
    };
}
function finish(report, status, deps) {
    const finishedAt = deps.clock.now();
    const startedAt = Date.parse(report.startedAt);
    return {
        ...report,
        status,
        finishedAt: new Date(finishedAt).toISOString(),
        durationMs: Math.max(0, finishedAt - startedAt)
    };
}
/** The report of a run refused before it began: its inputs are not valid. */
function refuseInputs(errors, locale, deps) {
    for (const error of errors)
        deps.log.error(error.message);
    const checks = errors.map(error => failed(plan_messages_say.inputsTitle, error.message, plan_messages_say.inputFix(error.input)));
    const facts = {
        targets: [],
        mode: 'deploy',
        isDryRun: false,
        version: versionOf(undefined, deps.context.sha, deps.context.ref),
        sha: deps.context.sha
    };
    const start = { locale, checks, isSmokeRequired: false };
    return emptyReport(start, facts, deps.clock.now(), deps);
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = require("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: ./src/execution/output-memory.ts
/**
 * Keeps memory flat while a step prints gigabytes. Each read of a step's output is a fresh buffer
 * outside the JavaScript heap; passing bytes through allocates almost nothing on the heap, so the
 * collector seldom runs, and dead read buffers pile up to tens of megabytes before it does. A cheap
 * young-generation collection every few megabytes of output returns them at once.
 */
const COLLECT_EVERY_BYTES = 2 * 1024 * 1024;
let collector = null;
function youngCollector() {
    if (collector === null) {
        try {
            // Loaded here, on the first 2 MiB of output, not at start-up: v8 brings its heap utilities.
            process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
            collector = process.getBuiltinModule('node:vm').runInNewContext('gc');
        }
        catch {
            collector = undefined;
        }
    }
    return collector;
}
/**
 * Bytes of output since the last collection, over every command running in this process: a hundred
 * targets printing 10 MB each must collect as often as one step printing a gigabyte.
 */
let sinceCollection = 0;
/** Counts output bytes; every 2 MiB asks for a young-generation collection (about 0.1 ms). */
function outputMemoryKeeper() {
    return bytes => {
        sinceCollection += bytes;
        if (sinceCollection < COLLECT_EVERY_BYTES)
            return;
        sinceCollection = 0;
        youngCollector()?.({ type: 'minor' });
    };
}

;// CONCATENATED MODULE: ./src/execution/command-runner.ts







const BASH_ARGS = ['--noprofile', '--norc', '-eo', 'pipefail'];
/**
 * Keeps the end of a stream, at most `limit` bytes, whatever its size. When the stream was longer,
 * the tail starts at a line boundary: a cut inside a line could start inside a secret, whose
 * remaining part no redaction would recognise.
 */
class TailBuffer {
    limit;
    /**
     * A ring of its own, filled by copying: holding on to the chunks read would keep each one alive
     * until a full collection (they outlive the young generation), and with a hundred commands at
     * once that is hundreds of megabytes of dead output. Made on the first output: most steps of a
     * long plan print nothing at all.
     */
    ring;
    end = 0;
    total = 0;
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        if (chunk.length === 0)
            return;
        this.ring ??= Buffer.alloc(Math.max(1, this.limit));
        this.total += chunk.length;
        const bytes = chunk.length > this.limit ? chunk.subarray(chunk.length - this.limit) : chunk;
        const first = Math.min(bytes.length, this.limit - this.end);
        bytes.copy(this.ring, this.end, 0, first);
        bytes.copy(this.ring, 0, first);
        this.end = (this.end + bytes.length) % this.limit;
    }
    toString() {
        if (!this.ring)
            return '';
        if (this.total <= this.limit)
            return this.ring.subarray(0, this.total).toString('utf8');
        const tail = Buffer.concat([this.ring.subarray(this.end), this.ring.subarray(0, this.end)]);
        const lineStart = tail.indexOf(0x0a) + 1;
        // One line longer than the whole tail: none of it can be shown safely.
        return lineStart === 0 ? '' : tail.subarray(lineStart).toString('utf8');
    }
}
function bashRunner(options = {}) {
    const killGraceMs = options.killGraceMs ?? 5_000;
    const drainMs = options.drainMs ?? 1_000;
    const bash = options.bash ?? 'bash';
    // One private folder for the runner's scripts, made on first use; each script is removed after its run.
    let folder;
    let count = 0;
    return {
        run: async (spec) => {
            folder ??= (0,external_node_fs_namespaceObject.mkdtempSync)(external_node_path_default().join(options.tempDir ?? external_node_os_default().tmpdir(), 'deploy-steps-'));
            const scriptFile = external_node_path_default().join(folder, `step-${++count}.sh`);
            (0,external_node_fs_namespaceObject.writeFileSync)(scriptFile, spec.script, { mode: 0o600 });
            try {
                return await runScript(programOf(bash, spec), scriptFile, spec, killGraceMs, drainMs);
            }
            finally {
                removeScript(scriptFile);
            }
        }
    };
}
function removeScript(file) {
    try {
        (0,external_node_fs_namespaceObject.unlinkSync)(file);
    }
    catch {
        // already gone: the step removed it
    }
}
/**
 * The file the step's environment would run for `bash`: the first executable of that name on its
 * PATH, as the child's execvp would find it. Found here, before forking, because the search in the
 * child tries every folder ahead of /usr/bin with a failed exec (ten of them on a GitHub runner's
 * PATH) while the action waits for the exec to succeed. When nothing is found the child searches
 * as before and reports what it finds.
 */
function programOf(name, spec) {
    const searchPath = spec.env['PATH'];
    if (name.includes('/') || !searchPath)
        return name;
    for (const folder of searchPath.split(':')) {
        const candidate = external_node_path_default().resolve(spec.cwd, folder, name);
        if (isExecutableFile(candidate))
            return candidate;
    }
    return name;
}
function isExecutableFile(file) {
    try {
        // Absent from most folders: told without making an exception, ten times at every step.
        if (!(0,external_node_fs_namespaceObject.statSync)(file, { throwIfNoEntry: false })?.isFile())
            return false;
        (0,external_node_fs_namespaceObject.accessSync)(file, external_node_fs_namespaceObject.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function runScript(bash, scriptFile, spec, killGraceMs, drainMs) {
    const started = performance.now();
    const tail = new TailBuffer(spec.tailBytes);
    const stdoutTail = spec.stdoutTailBytes === undefined ? undefined : new TailBuffer(spec.stdoutTailBytes);
    return new Promise(resolve => {
        let stopReason;
        let killTimer;
        let drainTimer;
        let exit;
        let settled = false;
        const child = lazy_builtins_childProcess().spawn(bash, [...BASH_ARGS, scriptFile], {
            cwd: spec.cwd,
            env: spec.env,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        if (child.pid !== undefined)
            spec.onStart?.(child.pid);
        const stopGroup = (reason) => {
            if (stopReason || exit)
                return;
            stopReason = reason;
            signalGroup(child.pid, 'SIGTERM');
            killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), killGraceMs);
        };
        const timeout = setLongTimeout(() => stopGroup('timed-out'), spec.timeoutMs);
        const onAbort = () => stopGroup('cancelled');
        spec.signal?.addEventListener('abort', onAbort, { once: true });
        if (spec.signal?.aborted)
            onAbort();
        const finish = (extra = {}) => {
            if (settled)
                return;
            settled = true;
            timeout.clear();
            clearTimeout(drainTimer);
            // The group is gone or was left alone on purpose; a pending SIGKILL would only hit a reused pid.
            if (exit)
                clearTimeout(killTimer);
            spec.signal?.removeEventListener('abort', onAbort);
            const durationMs = performance.now() - started;
            const base = {
                durationMs,
                outputTail: tail.toString(),
                ...(stdoutTail ? { stdoutTail: stdoutTail.toString() } : {}),
                ...extra
            };
            if (stopReason) {
                resolve({ ...base, status: stopReason, ...exitFields(exit) });
            }
            else if (exit?.code === 0) {
                resolve({ ...base, status: 'succeeded', exitCode: 0 });
            }
            else {
                resolve({ ...base, status: 'failed', ...exitFields(exit) });
            }
        };
        let pending = 0;
        const keepMemoryFlat = outputMemoryKeeper();
        const forward = (stream) => (chunk) => {
            tail.push(chunk);
            if (stream === child.stdout)
                stdoutTail?.push(chunk);
            keepMemoryFlat(chunk.length);
            const wait = spec.onOutput(chunk);
            if (wait) {
                pending++;
                stream.pause();
                void wait.finally(() => {
                    if (--pending === 0) {
                        child.stdout?.resume();
                        child.stderr?.resume();
                    }
                });
            }
        };
        child.stdout.on('data', forward(child.stdout));
        child.stderr.on('data', forward(child.stderr));
        child.on('error', error => {
            exit = { code: null, signal: null };
            finish({ error: execution_messages_say.bashNotStarted(error.message) });
        });
        child.on('exit', (code, signal) => {
            exit = { code, signal };
            if (stopReason)
                signalGroup(child.pid, 'SIGKILL');
            // Background processes of the step may still hold the pipes: do not wait for them forever.
            drainTimer = setTimeout(() => {
                child.stdout.destroy();
                child.stderr.destroy();
                finish({ hasLingeringOutput: true });
            }, drainMs);
        });
        child.on('close', () => finish());
    });
}
function exitFields(exit) {
    if (!exit)
        return {};
    if (exit.signal)
        return { signal: exit.signal };
    return exit.code === null ? {} : { exitCode: exit.code };
}
function signalGroup(pid, signal) {
    if (pid === undefined)
        return;
    try {
        process.kill(-pid, signal);
    }
    catch {
        // the group has already gone
    }
}

;// CONCATENATED MODULE: ./src/github/client.ts
/**
 * GitHub behind domain verbs. The real client wraps @actions/github's Octokit (which honours
 * GITHUB_API_URL, so GitHub Enterprise Server works), retries 5xx answers and secondary rate
 * limits, pages through lists, and counts every request it makes.
 */


/**
 * Pages of 100 deployments read for the rollback point: a last success behind a run of failed
 * deployments is still found, and the common case (the newest one succeeded) costs one page.
 */
const DEPLOYMENT_PAGES = 2;
/** Pages of 100 comments read to find this action's comment: 5,000 comments. */
const COMMENT_PAGES = 50;
/** A failed API call, with what the caller needs to explain it. */
const COMMIT_MUTATION = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}`;
class GitHubApiError extends MessageError {
    status;
    acceptedPermissions;
    constructor(
    /** GitHub's own words, or the action's when no answer came. */
    message, status, 
    /** From X-Accepted-GitHub-Permissions: the permission the token lacks, e.g. "actions=read". */
    acceptedPermissions, options) {
        super(typeof message === 'string' ? verbatim(message) : message, options);
        this.status = status;
        this.acceptedPermissions = acceptedPermissions;
        this.name = 'GitHubApiError';
    }
    /** `actions: read`, as it is written under `permissions:` in a workflow. */
    get missingPermission() {
        const first = this.acceptedPermissions?.split(/[;,]/)[0]?.trim();
        if (!first?.includes('='))
            return undefined;
        const [scope = '', level = ''] = first.split('=');
        // The header says pull_requests=write; a workflow's permissions: says pull-requests: write.
        return `${scope.replace(/_/g, '-')}: ${level}`;
    }
}
/** The fix for a failed call, in words: which `permissions:` entry to add, or what else to check. */
function explainApiError(error, fallbackPermission) {
    if (error instanceof GitHubApiError) {
        if (error.status === 403 || error.status === 401)
            return github_messages_say.tokenRefused(error.status, error.missingPermission ?? fallbackPermission);
        return github_messages_say.httpError(error.status, error.text);
    }
    return github_messages_say.unreachable(errorMessage(error));
}
const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 1_000, maxWaitMs: 60_000 };
/**
 * The longest one request may take. GitHub answers in well under a second; a request that hangs
 * must not hold the job, or keep the main step from honouring a cancellation.
 */
const REQUEST_TIMEOUT_MS = 30_000;
/** How long to wait before retrying, or undefined when the failure is final. */
function retryDelayMs(error, attempt, policy) {
    if (attempt >= policy.attempts)
        return undefined;
    const { status, response, message } = error;
    const headers = response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    const isSecondaryLimit = (status === 403 || status === 429) &&
        (/secondary rate limit/i.test(message ?? '') || headers['retry-after'] !== undefined);
    if (isSecondaryLimit) {
        const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000;
        return waitMs <= policy.maxWaitMs ? waitMs : undefined;
    }
    if (status !== undefined && status >= 500)
        return policy.baseDelayMs * 2 ** (attempt - 1);
    return undefined;
}
function octokitClient(octokit, repository, clock, policy = DEFAULT_RETRY, limits = { timeoutMs: REQUEST_TIMEOUT_MS }) {
    let requests = 0;
    octokit.hook.wrap('request', async (request, options) => {
        for (let attempt = 1;; attempt++) {
            requests++;
            if (limits.signal?.aborted)
                throw new GitHubApiError(github_messages_say.notSent, 0);
            const signals = [
                AbortSignal.timeout(limits.timeoutMs),
                ...(limits.signal ? [limits.signal] : [])
            ];
            const bounded = {
                ...options,
                request: {
                    ...(options.request ?? {}),
                    signal: AbortSignal.any(signals)
                }
            };
            try {
                return await untilAborted(request(bounded), AbortSignal.any(signals));
            }
            catch (error) {
                if (limits.signal?.aborted)
                    throw new GitHubApiError(github_messages_say.stopped, 0, undefined, { cause: error });
                if (isTimeout(error)) {
                    if (attempt >= policy.attempts)
                        throw new GitHubApiError(github_messages_say.noAnswer(limits.timeoutMs / 1000, attempt), 0, undefined, {
                            cause: error
                        });
                    continue;
                }
                const delay = retryDelayMs(error, attempt, policy);
                if (delay === undefined)
                    throw toApiError(error);
                await clock.sleep(delay, limits.signal);
            }
        }
    });
    const repo = { owner: repository.owner, repo: repository.repo };
    const call = async (route, parameters = {}) => (await octokit.request(route, { ...repo, ...parameters })).data;
    /** Pages until a short page: lists here are small, and a bound keeps a runaway list finite. */
    const paginate = async (route, parameters, pick, maxPages = 10) => {
        const all = [];
        for (let page = 1; page <= maxPages; page++) {
            const items = pick(await call(route, { ...parameters, per_page: 100, page }));
            all.push(...items);
            if (items.length < 100)
                break;
        }
        return all;
    };
    return {
        requestCount: () => requests,
        getEnvironment: async (name) => {
            try {
                return toEnvironment(await call('GET /repos/{owner}/{repo}/environments/{environment_name}', {
                    environment_name: name
                }));
            }
            catch (error) {
                if (error instanceof GitHubApiError && error.status === 404)
                    return undefined;
                throw error;
            }
        },
        listCustomProtectionRules: async (environment) => {
            const data = await call('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules', {
                environment_name: environment
            });
            return (data.custom_deployment_protection_rules ?? []).map(rule => ({
                app: rule.app?.slug ?? 'app',
                isEnabled: rule.enabled === true
            }));
        },
        listRunApprovals: async (runId) => {
            const data = await call('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { run_id: runId });
            return data.map(approval => ({
                environments: (approval.environments ?? []).map(environment => environment.name ?? ''),
                state: approval.state === 'approved' ? 'approved' : 'rejected',
                user: approval.user?.login ?? '',
                comment: approval.comment ?? ''
            }));
        },
        listDeployments: async (environment) => (await paginate('GET /repos/{owner}/{repo}/deployments', { environment }, data => {
            if (Array.isArray(data))
                return data;
            throw new MessageError(github_messages_say.notAList);
        }, DEPLOYMENT_PAGES)).map(toDeployment),
        listDeploymentStatuses: async (id) => (await call('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
            deployment_id: id,
            per_page: 30
        })).map(status => ({
            state: status.state ?? '',
            description: status.description ?? '',
            logUrl: status.log_url ?? status.target_url ?? '',
            createdAt: status.created_at ?? ''
        })),
        createDeployment: async (request) => toDeployment(await call('POST /repos/{owner}/{repo}/deployments', {
            ref: request.ref,
            environment: request.environment,
            payload: request.payload,
            description: request.description.slice(0, 140),
            auto_merge: false,
            required_contexts: [],
            transient_environment: false
        })),
        createDeploymentStatus: async (id, status) => {
            await call('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                deployment_id: id,
                state: status.state,
                description: status.description.slice(0, 140),
                ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
                ...(status.logUrl ? { log_url: status.logUrl } : {}),
                auto_inactive: true
            });
        },
        compareCommits: async (base, head) => {
            const data = await call('GET /repos/{owner}/{repo}/compare/{basehead}', {
                basehead: `${base}...${head}`,
                per_page: 20
            });
            return {
                total: data.total_commits ?? 0,
                commits: (data.commits ?? []).map(commit => ({
                    sha: commit.sha,
                    message: (commit.commit?.message ?? '').split('\n')[0] ?? '',
                    author: commit.author?.login ?? commit.commit?.author?.name ?? ''
                }))
            };
        },
        listPullRequestsOfCommit: async (sha) => (await call('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
            commit_sha: sha
        })).map(pull => ({
            number: pull.number,
            state: pull.state ?? '',
            headRepo: pull.head?.repo?.full_name ?? '',
            baseRepo: pull.base?.repo?.full_name ?? ''
        })),
        // A busy pull request may hold thousands of comments; ours must be found among them.
        listIssueComments: issueNumber => paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: issueNumber }, data => data.map(toComment), COMMENT_PAGES),
        getBranchHead: async (branch) => {
            try {
                // {+branch}: the slashes of a branch such as change/add-login stay slashes.
                const data = await call('GET /repos/{owner}/{repo}/git/ref/heads/{+branch}', { branch });
                return data.object?.sha;
            }
            catch (error) {
                if (error instanceof GitHubApiError && error.status === 404)
                    return undefined;
                throw error;
            }
        },
        listChangedFiles: async (base, head) => (await call('GET /repos/{owner}/{repo}/compare/{basehead}', { basehead: `${base}...${head}` })).files?.map(file => file.filename) ?? [],
        createBranch: async (branch, sha) => {
            await call('POST /repos/{owner}/{repo}/git/refs', { ref: `refs/heads/${branch}`, sha });
        },
        commitOnBranch: async (commit) => {
            const data = (await octokit.graphql(COMMIT_MUTATION, {
                input: {
                    branch: {
                        repositoryNameWithOwner: `${repository.owner}/${repository.repo}`,
                        branchName: commit.branch
                    },
                    message: { headline: commit.headline, body: commit.body },
                    expectedHeadOid: commit.expectedHeadOid,
                    fileChanges: {
                        additions: commit.additions.map(file => ({
                            path: file.path,
                            contents: file.contents.toString('base64')
                        })),
                        deletions: commit.deletions.map(file => ({ path: file }))
                    }
                }
            }));
            const made = data.createCommitOnBranch?.commit;
            return { sha: made?.oid ?? '', url: made?.url ?? '' };
        },
        createPullRequest: async (pull) => {
            const data = await call('POST /repos/{owner}/{repo}/pulls', pull);
            return { number: data.number, url: data.html_url };
        },
        getAuthenticatedLogin: async () => {
            try {
                return (await call('GET /user')).login;
            }
            catch (error) {
                // An installation token (the job's GITHUB_TOKEN) may not read /user: 403.
                if (error instanceof GitHubApiError && (error.status === 403 || error.status === 401))
                    return undefined;
                throw error;
            }
        },
        createIssueComment: async (issueNumber, body) => toComment(await call('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            issue_number: issueNumber,
            body
        })),
        updateIssueComment: async (commentId, body) => toComment(await call('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            comment_id: commentId,
            body
        }))
    };
}
/**
 * Settles with the request, or rejects as soon as the signal aborts, whatever the HTTP stack below
 * does with the signal: a request that hangs must never hold the run.
 */
function untilAborted(promise, signal) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const abort = () => reject(signal.reason);
        signal.addEventListener('abort', abort, { once: true });
        promise.then(value => {
            signal.removeEventListener('abort', abort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', abort);
            reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
}
function isTimeout(error) {
    const name = error.name;
    const cause = error.cause?.name;
    return [name, cause].some(value => value === 'AbortError' || value === 'TimeoutError');
}
function toApiError(error) {
    if (error instanceof GitHubApiError)
        return error;
    const { status, message, response } = error;
    const accepted = response?.headers?.['x-accepted-github-permissions'];
    return new GitHubApiError(message ?? String(error), status ?? 0, accepted === undefined ? undefined : String(accepted), { cause: error });
}
function toEnvironment(raw) {
    const rules = raw.protection_rules ?? [];
    const reviewers = rules.filter(rule => rule.type === 'required_reviewers');
    return {
        name: raw.name ?? '',
        requiredReviewers: reviewers.flatMap(rule => (rule.reviewers ?? []).map(reviewer => ({
            type: reviewer.type === 'Team' ? 'Team' : 'User',
            name: reviewer.reviewer?.login ?? reviewer.reviewer?.slug ?? reviewer.reviewer?.name ?? '?'
        }))),
        preventSelfReview: reviewers.some(rule => rule.prevent_self_review === true),
        waitTimerMinutes: rules.find(rule => rule.type === 'wait_timer')?.wait_timer ?? 0,
        hasBranchPolicy: rules.some(rule => rule.type === 'branch_policy'),
        canAdminsBypass: raw.can_admins_bypass ?? true
    };
}
function toDeployment(raw) {
    const payload = typeof raw.payload === 'object' && raw.payload !== null
        ? raw.payload
        : {};
    return {
        id: raw.id,
        sha: raw.sha ?? '',
        ref: raw.ref ?? '',
        environment: raw.environment ?? '',
        createdAt: raw.created_at ?? '',
        creator: raw.creator?.login ?? '',
        payload
    };
}
function toComment(raw) {
    return { id: raw.id, body: raw.body ?? '', author: raw.user?.login ?? '' };
}
/**
 * The real client. @actions/github (with Octokit and undici, most of the bundle's bytes) is loaded
 * on the first request, not before: a run that never calls GitHub, such as one refused in
 * pre-flight, never pays for it.
 */
function createGitHubClient(token, repository, clock, signal) {
    const [owner = '', repo = ''] = repository.split('/');
    const load = async () => {
        const { getOctokit } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(413)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
        const octokit = getOctokit(token, {
            log: {
                debug: () => undefined,
                info: () => undefined,
                warn: () => undefined,
                error: () => undefined
            }
        });
        return octokit;
    };
    return octokitClient(lazyOctokit(load), { owner, repo }, clock, DEFAULT_RETRY, {
        timeoutMs: REQUEST_TIMEOUT_MS,
        ...(signal ? { signal } : {})
    });
}
/** An Octokit made on the first request; the request hooks added before then are added to it. */
function lazyOctokit(load) {
    const wrappers = [];
    let loaded;
    const octokit = () => (loaded ??= load().then(real => {
        for (const wrapper of wrappers)
            real.hook.wrap('request', wrapper);
        return real;
    }));
    return {
        request: async (route, parameters) => (await octokit()).request(route, parameters),
        graphql: async (query, variables) => (await octokit()).graphql(query, variables),
        hook: { wrap: (_name, wrapper) => void wrappers.push(wrapper) }
    };
}

;// CONCATENATED MODULE: ./src/github/approval-gate.ts
/**
 * The GitHub approval gate: proves from the API that a reviewer approved this run for this
 * environment. Fail-closed: anything that cannot be proven, an API error included, is a refusal.
 */



/** Why this event may not deploy at all, whatever the approvals. */
function eventProblem(context) {
    if (context.eventName === 'pull_request_target')
        return { problem: github_messages_say.pullRequestTarget, fix: github_messages_say.pullRequestTargetFix };
    if (context.eventName !== undefined && UNTRUSTED_CODE_EVENTS.has(context.eventName))
        return { problem: github_messages_say.untrustedEvent(context.eventName), fix: github_messages_say.untrustedEventFix };
    if (!context.repository)
        return { problem: github_messages_say.noRepository, fix: github_messages_say.noRepositoryFix };
    const isPullEvent = context.eventName === 'pull_request' || context.eventName === 'pull_request_review';
    const pull = context.event['pull_request'];
    if (isPullEvent && !pull)
        return { problem: github_messages_say.noPullRequest(context.eventName ?? ''), fix: github_messages_say.noPullRequestFix };
    if (!pull)
        return undefined;
    const head = pull.head?.repo;
    // Fail closed: a pull request whose head repository is unknown (deleted fork) is treated as one.
    if (head?.fork === true || !head?.full_name || head.full_name !== context.repository) {
        return {
            problem: github_messages_say.fromFork(head?.full_name ? verbatim(head.full_name) : github_messages_say.unknownFork),
            fix: github_messages_say.fromForkFix
        };
    }
    return undefined;
}
/** Events whose checked-out code is not the branch a reviewer approved for deployment. */
const UNTRUSTED_CODE_EVENTS = new Set([
    'issue_comment',
    'workflow_run',
    'pull_request_review_comment'
]);
/** `client` is undefined when there is no token: then only a run that needs no approval may go on. */
function githubApprovalGate(client, context, options) {
    return {
        authorize: async (environment) => {
            const forbidden = eventProblem(context);
            if (forbidden)
                return { kind: 'refused', ...forbidden };
            const actor = context.actor ? verbatim(`@${context.actor}`) : github_messages_say.unknownActor;
            if (!options.requireApproval)
                return { kind: 'approved', authorization: github_messages_say.noApprovalNeeded(actor), approvals: [] };
            if (!client)
                return { kind: 'refused', problem: github_messages_say.noToken(environment), fix: github_messages_say.noTokenFix };
            try {
                return await proveApproval(client, context, options, environment, actor);
            }
            catch (error) {
                return {
                    kind: 'refused',
                    problem: github_messages_say.notProven(environment, errorMessage(error)),
                    fix: explainApiError(error, 'actions: read')
                };
            }
        }
    };
}
async function proveApproval(client, context, options, environment, actor) {
    const rules = await client.getEnvironment(environment);
    if (!rules) {
        const repository = context.repository ? verbatim(context.repository) : github_messages_say.thisRepository;
        return {
            kind: 'refused',
            problem: github_messages_say.noEnvironment(environment, repository),
            fix: github_messages_say.noEnvironmentFix(environment)
        };
    }
    const custom = rules.requiredReviewers.length > 0
        ? []
        : (await client.listCustomProtectionRules(environment)).filter(rule => rule.isEnabled);
    if (rules.requiredReviewers.length === 0 && custom.length === 0) {
        return {
            kind: 'refused',
            problem: github_messages_say.noReviewers(environment),
            fix: github_messages_say.noReviewersFix(environment)
        };
    }
    if (context.runId === undefined) {
        return { kind: 'refused', problem: github_messages_say.noRunId, fix: github_messages_say.inActionsFix };
    }
    const reviews = (await client.listRunApprovals(context.runId)).filter(review => review.environments.includes(environment));
    const approved = reviews.filter(review => review.state === 'approved');
    if (approved.length === 0) {
        const rejected = reviews.find(review => review.state === 'rejected');
        return {
            kind: 'refused',
            problem: rejected ? github_messages_say.rejected(rejected.user, environment) : github_messages_say.notApproved(environment),
            fix: github_messages_say.notApprovedFix(environment)
        };
    }
    // On a re-run, the person who re-ran it is the triggering actor: neither may approve it alone.
    const starters = [context.actor, context.triggeringActor]
        .filter((login) => Boolean(login))
        .map(login => login.toLowerCase());
    if (options.requireDistinctApprover && starters.length === 0)
        return { kind: 'refused', problem: github_messages_say.noActor, fix: github_messages_say.noActorFix };
    const distinct = approved.filter(review => !starters.includes(review.user.toLowerCase()));
    if (options.requireDistinctApprover && distinct.length === 0) {
        return {
            kind: 'refused',
            problem: github_messages_say.selfApproved(listOf(approved.map(review => `@${review.user}`)), actor),
            fix: github_messages_say.selfApprovedFix(environment)
        };
    }
    const approvals = approved.map(review => ({
        user: review.user,
        ...(review.comment ? { comment: review.comment } : {})
    }));
    return {
        kind: 'approved',
        authorization: describeAuthorization(approvals, rules, custom.map(rule => rule.app), environment, actor),
        approvals
    };
}
function describeAuthorization(approvals, rules, customApps, environment, actor) {
    const who = joinMessages(approvals.map(approval => approval.comment
        ? github_messages_say.approverSaying(approval.user, approval.comment)
        : verbatim(`@${approval.user}`)), SEPARATOR.list);
    const reviewers = joinMessages(rules.requiredReviewers.map(reviewer => reviewer.type === 'Team' ? github_messages_say.team(reviewer.name) : verbatim(`@${reviewer.name}`)), SEPARATOR.list);
    const required = github_messages_say.reviewers(reviewers);
    const ruleText = [
        rules.requiredReviewers.length > 0
            ? rules.preventSelfReview
                ? github_messages_say.selfReviewPrevented(required)
                : required
            : undefined,
        customApps.length > 0 ? github_messages_say.customRule(listOf(customApps)) : undefined,
        rules.waitTimerMinutes > 0 ? github_messages_say.waitTimer(rules.waitTimerMinutes) : undefined,
        rules.hasBranchPolicy ? github_messages_say.branchPolicy : undefined
    ].filter((rule) => rule !== undefined);
    return github_messages_say.approvedBy(who, environment, joinMessages(ruleText, SEPARATOR.list), actor);
}

;// CONCATENATED MODULE: ./src/github/run-context.ts
/**
 * Facts about the run that do not come from inputs: the commit and ref, the event, the run's link.
 * On a runner they come from GITHUB_* variables and the event file; locally from git.
 */


function githubRunContext(env) {
    const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
    const repository = env['GITHUB_REPOSITORY'];
    const runId = toNumber(env['GITHUB_RUN_ID']);
    const branches = [env['GITHUB_HEAD_REF'], env['GITHUB_REF_NAME']].filter((name) => name !== undefined && name !== '');
    const context = {
        isGitHub: true,
        branches,
        event: readEvent(env['GITHUB_EVENT_PATH']),
        workspace: env['GITHUB_WORKSPACE'] || process.cwd()
    };
    run_context_assign(context, 'sha', env['GITHUB_SHA']);
    run_context_assign(context, 'ref', env['GITHUB_REF']);
    run_context_assign(context, 'eventName', env['GITHUB_EVENT_NAME']);
    run_context_assign(context, 'actor', env['GITHUB_ACTOR']);
    run_context_assign(context, 'triggeringActor', env['GITHUB_TRIGGERING_ACTOR']);
    run_context_assign(context, 'repository', repository);
    run_context_assign(context, 'apiUrl', env['GITHUB_API_URL']);
    if (runId !== undefined)
        context.runId = runId;
    const stepId = env['GITHUB_ACTION']?.replace(/[^\w.-]/g, '_').slice(0, 100);
    if (stepId)
        context.stepId = stepId;
    const attempt = toNumber(env['GITHUB_RUN_ATTEMPT']);
    if (attempt !== undefined)
        context.runAttempt = attempt;
    if (repository && runId !== undefined) {
        context.runUrl = `${server}/${repository}/actions/runs/${runId}`;
    }
    return context;
}
/** Outside GitHub: the commit and branch of the git checkout, when there is one. */
function localRunContext(cwd) {
    const git = (...args) => {
        try {
            return childProcess()
                .execFileSync('git', args, {
                cwd,
                encoding: 'utf8',
                stdio: ['ignore', 'pipe', 'ignore']
            })
                .trim();
        }
        catch {
            return undefined;
        }
    };
    const context = { isGitHub: false, branches: [], event: {}, workspace: cwd };
    const sha = git('rev-parse', 'HEAD');
    const branch = git('symbolic-ref', '--quiet', '--short', 'HEAD');
    run_context_assign(context, 'sha', sha);
    if (branch) {
        context.ref = `refs/heads/${branch}`;
        context.branches = [branch];
    }
    return context;
}
/** The tag for a tag ref, else the 7-character SHA. */
function defaultVersion(context) {
    if (context.ref?.startsWith('refs/tags/'))
        return context.ref.slice('refs/tags/'.length);
    return context.sha ? context.sha.slice(0, 7) : 'local';
}
function readEvent(file) {
    if (!file)
        return {};
    try {
        const data = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8'));
        return typeof data === 'object' && data !== null ? data : {};
    }
    catch {
        return {};
    }
}
function toNumber(text) {
    return text && /^\d+$/.test(text) ? Number(text) : undefined;
}
function run_context_assign(context, key, value) {
    if (value)
        context[key] = value;
}
/** Identifies a run in the report file and the journal: the run and its attempt on GitHub. */
function runKeyOf(context, now) {
    if (context.runId !== undefined)
        return `${context.runId}-${context.runAttempt ?? 1}${context.stepId ? `-${context.stepId}` : ''}`;
    return `local-${now.toString(36)}-${process.pid}`;
}

;// CONCATENATED MODULE: ./src/report/deployment-record.ts
/**
 * The record of deployments: which version each environment runs, so that a run knows its rollback
 * point before anything changes, and leaves its own result behind. GitHub's deployments on a
 * runner (github/deployment-tracker.ts); the report file's entries locally.
 */



/**
 * Picks the version a rollback on demand puts back, from the versions the environment ran (newest
 * first, the live one first): the one asked for, which must be an earlier one, else the newest
 * earlier version that differs from the live one.
 */
function chooseRollback(live, request, source) {
    const { environment, version: requested } = request;
    const [current, ...earlier] = live;
    if (!current) {
        return {
            kind: 'refused',
            problem: report_messages_say.nothingToRollBack(environment, source),
            fix: report_messages_say.nothingToRollBackFix
        };
    }
    const found = report_messages_say.foundIn(source, listOf(live.map(item => item.version)));
    if (requested !== '' && requested === current.version) {
        return {
            kind: 'refused',
            problem: report_messages_say.alreadyLive(requested, environment, found),
            fix: report_messages_say.alreadyLiveFix
        };
    }
    const target = requested === ''
        ? earlier.find(item => item.version !== current.version)
        : earlier.find(item => item.version === requested);
    if (!target) {
        return {
            kind: 'refused',
            problem: requested === ''
                ? report_messages_say.noEarlier(environment, current.version, found)
                : report_messages_say.neverDeployed(requested, environment, current.version, found),
            fix: requested === '' ? report_messages_say.noEarlierFix : report_messages_say.neverDeployedFix
        };
    }
    return { kind: 'found', current, target, notes: [] };
}
/** Outside GitHub: the report file is the only record. */
function reportFileTracker(root, reportPath) {
    const resolveRollback = (request) => {
        const live = liveDeployments(root, reportPath, request.environment);
        return Promise.resolve(chooseRollback(live.map(record => ({ sha: record.sha ?? '', version: record.version })), request, verbatim(reportPath)));
    };
    return {
        resolveRollback,
        begin: async (request) => {
            if (request.mode === 'rollback') {
                const choice = await resolveRollback(request);
                if (choice.kind === 'refused')
                    return choice;
                return {
                    kind: 'started',
                    rollbackPoint: choice.current,
                    rollback: { current: choice.current, target: choice.target },
                    notes: [
                        report_messages_say.fileRollback(reportPath, request.environment, choice.current.version, choice.target.version)
                    ]
                };
            }
            const previous = lastSuccessfulDeployment(root, reportPath, request.environment);
            return {
                kind: 'started',
                rollbackPoint: previous
                    ? { sha: previous.sha ?? '', version: previous.version }
                    : undefined,
                notes: previous ? [report_messages_say.filePoint(reportPath, previous.version)] : []
            };
        },
        finish: () => Promise.resolve(undefined)
    };
}

;// CONCATENATED MODULE: ./src/github/deployment-tracker.ts






/** Whether a run uses GitHub's deployment of its job, creates its own, or keeps no GitHub deployment. */
const GITHUB_DEPLOYMENT_MODES = ['auto', 'create', 'off'];
const ACTIVE_STATES = new Set(['in_progress', 'queued', 'pending']);
/** A deployment left "in progress" for longer than this was abandoned, not running. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
/**
 * Starts the description of every final status the action posts. GitHub marks a job's
 * deployment `success` itself when the job succeeds, dry run or not; only a deployment carrying
 * this mark on a `success` status was recorded by a real run of the action.
 */
const RECORDED_BY = '[deploy-executor]';
/** Opens the description of the inactive status a rollback on demand gives the deployment it replaced. */
const REPLACED_BY = `${RECORDED_BY} replaced by`;
/**
 * How many deployments, newest first, are looked into for the live one (one request each, and the
 * walk stops at the first deployment the action recorded): a success behind this many failed or
 * foreign deployments is still found; beyond it the report says how far it looked.
 */
const HISTORY_LOOKUPS = 100;
function githubDeploymentTracker(client, context, clock, log, options) {
    let created = options.ownedDeploymentId;
    /** Mode rollback: the live deployment this run replaces, set inactive once it succeeded. */
    let replaced;
    const runMarker = context.runId === undefined ? undefined : `/actions/runs/${context.runId}`;
    return {
        resolveRollback: async (request) => {
            if (options.mode === 'off')
                return options.fallback.resolveRollback(request);
            try {
                return await resolveRollback(request, []);
            }
            catch (error) {
                return {
                    kind: 'refused',
                    problem: github_messages_say.deploymentsUnread(request.environment, errorMessage(error)),
                    fix: explainApiError(error, 'deployments: read')
                };
            }
        },
        begin: async (request, onCreated) => {
            if (options.mode === 'off')
                return options.fallback.begin(request);
            try {
                if (request.mode === 'rollback')
                    return await beginRollback(request, onCreated);
                return await begin(request, onCreated);
            }
            catch (error) {
                const problem = github_messages_say.deploymentUnmade(request.environment, errorMessage(error));
                await abandon();
                return { kind: 'refused', problem, fix: explainApiError(error, 'deployments: write') };
            }
        },
        finish: async (outcome) => {
            if (created === undefined)
                return undefined;
            try {
                await client.createDeploymentStatus(created, {
                    state: finalState(outcome.status),
                    description: `${RECORDED_BY} ${outcome.summary}`,
                    ...(outcome.deployUrl ? { environmentUrl: outcome.deployUrl } : {}),
                    ...(context.runUrl ? { logUrl: context.runUrl } : {})
                });
            }
            catch (error) {
                return github_messages_say.markFailed(created, outcome.status, explainApiError(error, 'deployments: write'));
            }
            if (outcome.status !== 'success' || replaced === undefined)
                return undefined;
            try {
                await client.createDeploymentStatus(replaced.id, {
                    state: 'inactive',
                    description: `${REPLACED_BY} ${replaced.by}`,
                    ...(context.runUrl ? { logUrl: context.runUrl } : {})
                });
                return undefined;
            }
            catch (error) {
                return github_messages_say.inactiveFailed(replaced.id, explainApiError(error, 'deployments: write'));
            }
        }
    };
    /** Mode rollback: a deployment of the version put back, recorded like any other. */
    async function beginRollback(request, onCreated) {
        const notes = [];
        const choice = await resolveRollback(request, notes);
        if (choice.kind === 'refused')
            return choice;
        const { current, target } = choice;
        const deployment = await client.createDeployment({
            ref: target.sha || request.ref,
            environment: request.environment,
            payload: {
                proposal: request.proposal,
                version: target.version,
                mode: 'rollback',
                replaces: current.version,
                tool: 'deploy-executor'
            },
            description: `rollback to ${target.version}, replacing ${current.version} (deploy-executor)`
        });
        created = deployment.id;
        if (choice.currentId !== undefined)
            replaced = { id: choice.currentId, by: `a rollback to ${target.version}` };
        await onCreated?.(deployment.id);
        await client.createDeploymentStatus(deployment.id, {
            state: 'in_progress',
            description: `putting back ${target.version}`,
            ...(context.runUrl ? { logUrl: context.runUrl } : {})
        });
        notes.push(...choice.notes, github_messages_say.rollbackCreated(deployment.id, target.version, current.version));
        return {
            kind: 'started',
            deploymentId: String(deployment.id),
            ownsDeployment: true,
            rollbackPoint: current,
            rollback: { current, target },
            notes
        };
    }
    /**
     * The live version and the one to put back, from GitHub's deployments (the job's own left out);
     * a version asked for that GitHub's list no longer reaches may come from the report file.
     */
    async function resolveRollback(request, notes) {
        const deployments = await client.listDeployments(request.environment);
        const job = options.mode === 'auto' ? await findJobDeployment(deployments, context.sha ?? '') : undefined;
        const others = deployments.filter(deployment => deployment.id !== job?.id);
        const history = await readHistory(others, request.environment, notes, live => chooseRollback(live.map(pointOf), request, github_messages_say.lastDeployments(0)).kind === 'found');
        if (history.kind === 'refused')
            return history;
        const source = github_messages_say.lastDeployments(Math.min(others.length, HISTORY_LOOKUPS));
        const choice = chooseRollback(history.live.map(pointOf), request, source);
        const currentId = history.live[0]?.id;
        if (choice.kind === 'found')
            return { ...choice, notes: [...notes], currentId };
        if (history.live.length === 0)
            return options.fallback.resolveRollback(request);
        const current = pointOf(history.live[0]);
        if (request.version !== '' && request.version !== current.version) {
            const fromFile = await options.fallback.resolveRollback(request);
            if (fromFile.kind === 'found' && fromFile.target.version === request.version) {
                return {
                    kind: 'found',
                    current,
                    target: fromFile.target,
                    notes: [...notes, github_messages_say.versionInReportFile(request.version)],
                    currentId
                };
            }
        }
        // Why a version was passed over belongs with the refusal: a reader asked for it.
        return choice.kind === 'refused' && notes.length > 0
            ? {
                ...choice,
                problem: report_messages_say.withNotes(choice.problem, joinMessages(notes, SEPARATOR.clause))
            }
            : choice;
    }
    /**
     * A deployment this run created and then could not start is closed at once, so that it does not
     * hold the next run waiting. When the run was cancelled no request can go out any more: the
     * journal knows the deployment, and the post step closes it.
     */
    async function abandon() {
        const id = created;
        if (id === undefined || options.signal?.aborted)
            return;
        try {
            await client.createDeploymentStatus(id, {
                state: 'error',
                description: `${RECORDED_BY} not started: the run stopped before its first step`,
                ...(context.runUrl ? { logUrl: context.runUrl } : {})
            });
            created = undefined;
        }
        catch (error) {
            log.warning(github_messages_say.notClosed(id, errorMessage(error)));
        }
    }
    async function begin(request, onCreated) {
        const notes = [];
        const deployments = await client.listDeployments(request.environment);
        const ours = options.mode === 'auto' ? await findJobDeployment(deployments, request.sha) : undefined;
        const others = deployments.filter(deployment => deployment.id !== ours?.id);
        const history = await readHistory(others, request.environment, notes, live => live.length > 0);
        if (history.kind === 'refused')
            return history;
        let deploymentId;
        if (ours) {
            deploymentId = ours.id;
            notes.push(github_messages_say.jobDeployment(ours.id));
        }
        else {
            const deployment = await client.createDeployment({
                ref: request.sha || request.ref,
                environment: request.environment,
                payload: {
                    proposal: request.proposal,
                    version: request.version,
                    mode: request.mode,
                    tool: 'deploy-executor'
                },
                description: `${request.proposal} ${request.version} (deploy-executor)`
            });
            created = deployment.id;
            deploymentId = deployment.id;
            await onCreated?.(deployment.id);
            await client.createDeploymentStatus(deployment.id, {
                state: 'in_progress',
                description: `deploying ${request.version}`,
                ...(context.runUrl ? { logUrl: context.runUrl } : {})
            });
            notes.push(github_messages_say.created(deployment.id));
        }
        const previous = history.live[0] ? pointOf(history.live[0]) : undefined;
        if (!previous) {
            const fallback = await options.fallback.begin(request);
            if (fallback.kind === 'started' && fallback.rollbackPoint) {
                return {
                    ...fallback,
                    deploymentId: String(deploymentId),
                    ownsDeployment: created !== undefined,
                    notes: [...notes, ...fallback.notes]
                };
            }
        }
        const changes = previous && previous.sha && previous.sha !== request.sha
            ? await changesSince(previous.sha, request.sha)
            : undefined;
        return {
            kind: 'started',
            deploymentId: String(deploymentId),
            ownsDeployment: created !== undefined,
            rollbackPoint: previous,
            changes,
            notes
        };
    }
    /** The deployment GitHub made for this job: same commit, newest, with a status pointing at this run. */
    async function findJobDeployment(deployments, sha) {
        const candidate = deployments.find(deployment => deployment.sha === sha);
        if (!candidate || !runMarker)
            return undefined;
        const statuses = await client.listDeploymentStatuses(candidate.id);
        return statuses.some(status => status.logUrl.includes(runMarker)) ? candidate : undefined;
    }
    /**
     * Walks back from the newest deployment: waits for one still running, then gathers the
     * deployments a real run of the action marked successful, newest first, until `isEnough`.
     */
    async function readHistory(others, environment, notes, isEnough) {
        const live = [];
        for (const [index, deployment] of others.slice(0, HISTORY_LOOKUPS).entries()) {
            let statuses = await client.listDeploymentStatuses(deployment.id);
            let state = statuses[0]?.state ?? 'pending';
            const isRecent = isRecentDeployment(deployment.createdAt, clock.now());
            if (index === 0 && ACTIVE_STATES.has(state) && isRecent) {
                state = await waitForOther(deployment, environment, notes);
                statuses = await client.listDeploymentStatuses(deployment.id);
                if (ACTIVE_STATES.has(state)) {
                    return {
                        kind: 'refused',
                        problem: github_messages_say.stillDeploying(environment, deployment.id, state, formatDuration(options.waitTimeoutMs)),
                        fix: github_messages_say.stillDeployingFix(environment)
                    };
                }
            }
            // A success GitHub posted by itself sets the older deployments inactive: look past it.
            if (state !== 'success' && state !== 'inactive')
                continue;
            if (wasReplaced(statuses)) {
                notes.push(github_messages_say.replacedByRollback(deployment.id, deployment_tracker_versionOf(deployment)));
                continue;
            }
            if (wasRecordedByUs(statuses)) {
                live.push(deployment);
                if (isEnough(live))
                    break;
                continue;
            }
            if (state === 'success')
                notes.push(github_messages_say.notOurs(deployment.id));
        }
        if (live.length === 0 && others.length > HISTORY_LOOKUPS)
            log.warning(github_messages_say.notLookedFurther(HISTORY_LOOKUPS, others.length, environment));
        return { kind: 'read', live };
    }
    async function waitForOther(deployment, environment, notes) {
        const pollMs = options.pollIntervalMs ?? 10_000;
        const deadline = clock.now() + options.waitTimeoutMs;
        let state = 'in_progress';
        log.warning(github_messages_say.waiting(environment, deployment.id, formatDuration(options.waitTimeoutMs)));
        while (clock.now() < deadline) {
            await clock.sleep(Math.min(pollMs, deadline - clock.now()), options.signal);
            if (options.signal?.aborted)
                break;
            state = await latestState(deployment.id);
            if (!ACTIVE_STATES.has(state))
                break;
            log.info(github_messages_say.stillWaiting(state));
        }
        notes.push(github_messages_say.waited(deployment.id, state));
        return state;
    }
    /** Only a run of this action that deployed for real marks a deployment `success` with its mark. */
    function wasRecordedByUs(statuses) {
        return statuses.some(status => status.state === 'success' && status.description.startsWith(RECORDED_BY));
    }
    /** A rollback on demand set this deployment inactive: its version was found bad. */
    function wasReplaced(statuses) {
        return statuses.some(status => status.state === 'inactive' && status.description.startsWith(REPLACED_BY));
    }
    async function latestState(id) {
        return (await client.listDeploymentStatuses(id))[0]?.state ?? 'pending';
    }
    async function changesSince(base, head) {
        try {
            const compared = await client.compareCommits(base, head);
            return {
                ...compared,
                ...(context.repository
                    ? {
                        compareUrl: `${context.runUrl?.split('/actions/')[0] ?? `https://github.com/${context.repository}`}/compare/${base.slice(0, 12)}...${head.slice(0, 12)}`
                    }
                    : {})
            };
        }
        catch (error) {
            log.warning(github_messages_say.commitsUnlisted(base.slice(0, 7), explainApiError(error, 'contents: read')));
            return undefined;
        }
    }
}
function pointOf(deployment) {
    return { sha: deployment.sha, version: deployment_tracker_versionOf(deployment) };
}
function deployment_tracker_versionOf(deployment) {
    const version = deployment.payload['version'];
    return typeof version === 'string' && version !== '' ? version : deployment.sha.slice(0, 7);
}
function finalState(status) {
    switch (status) {
        case 'success':
            return 'success';
        case 'cancelled':
            return 'error';
        // Refused after the deployment was opened (a metric baseline): it never started.
        case 'refused':
            return 'error';
        default:
            return 'failure';
    }
}
/**
 * A deployment is stale once it is older than STALE_AFTER_MS; a creation time that cannot be
 * read (missing, garbage, in the future) counts as recent, so the action waits rather than
 * deploying over a run it cannot date.
 */
function isRecentDeployment(createdAt, now) {
    const created = Date.parse(createdAt);
    if (!Number.isFinite(created) || created > now)
        return true;
    return now - created < STALE_AFTER_MS;
}

;// CONCATENATED MODULE: ./src/github/record-commit.ts
/**
 * The record of a real run, committed to the repository so that OpenLogos sees it: the report
 * file, and after a success tasks.md, DEPLOY_DONE added and SMOKE_PASS/SMOKE_FAIL removed. A commit
 * GitHub makes and signs (GraphQL createCommitOnBranch: no git credentials), on the branch the
 * proposal lives on, and only if that branch still points where this run expects.
 *
 * Never over someone else's change: when the branch has moved since the run's commit, the record
 * is committed on the new head only if none of its files changed there; otherwise, and always in
 * `pull-request` mode, it goes to a branch `deploy-executor/<environment>/<run id>` and a pull
 * request. A record that cannot land is a warning with its fix, never a failed deployment.
 */



const PERSIST_MODES = ['commit', 'pull-request', 'off'];
async function persistRecord(client, context, request) {
    if (request.mode === 'off')
        return { kind: 'skipped', reason: github_messages_say.persistOff };
    if (request.files.written.length + request.files.deleted.length === 0)
        return { kind: 'skipped', reason: github_messages_say.noFileChanged };
    const branch = branchOf(context);
    if (!branch || !context.sha)
        return {
            kind: 'failed',
            warning: github_messages_say.notABranch(context.ref ? verbatim(context.ref) : github_messages_say.noRef)
        };
    try {
        if (request.mode === 'commit') {
            const head = await client.getBranchHead(branch);
            if (head === undefined)
                return {
                    kind: 'failed',
                    warning: github_messages_say.branchGone(branch)
                };
            const touched = new Set([
                ...request.files.written.map(file => file.path),
                ...request.files.deleted
            ]);
            const isSafe = head === context.sha ||
                (await client.listChangedFiles(context.sha, head)).every(file => !touched.has(file));
            if (isSafe) {
                const made = await client.commitOnBranch(commitOf(branch, head, request));
                return { kind: 'committed', sha: made.sha, url: made.url, branch };
            }
        }
        return await viaPullRequest(client, context, branch, request, request.mode === 'commit'
            ? `The branch ${branch} moved while the deployment ran and changed files of this record, so the record waits here for a person to merge.`
            : 'persist: pull-request: the record of the deployment waits here for a person to merge.');
    }
    catch (error) {
        return {
            kind: 'failed',
            warning: github_messages_say.notCommitted(explainApiError(error, 'contents: write'), branch)
        };
    }
}
async function viaPullRequest(client, context, base, request, why) {
    const sha = context.sha ?? '';
    const branch = `deploy-executor/${request.environment}/${context.runId ?? Date.now()}-${context.runAttempt ?? 1}`;
    await client.createBranch(branch, sha);
    await client.commitOnBranch(commitOf(branch, sha, request));
    const pull = await client.createPullRequest({
        title: request.headline,
        body: `${request.body}\n\n${why}`,
        head: branch,
        base
    });
    return { kind: 'pull-request', number: pull.number, url: pull.url, branch };
}
function commitOf(branch, head, request) {
    return {
        branch,
        expectedHeadOid: head,
        headline: request.headline,
        body: request.body,
        additions: request.files.written,
        deletions: request.files.deleted
    };
}
/** The branch the proposal lives on: the pull request's head, else the branch being run. */
function branchOf(context) {
    const head = context.event['pull_request']?.head
        ?.ref;
    if (typeof head === 'string' && head !== '')
        return head;
    return context.ref?.startsWith('refs/heads/')
        ? context.ref.slice('refs/heads/'.length)
        : undefined;
}

;// CONCATENATED MODULE: ./src/action/messages.ts
/**
 * What the action's shell says: bad inputs, the two steps on a runner (cancellation, a crash, the
 * journal, the post step's recovery), publishing (outputs, summary, comment, the record commit),
 * and the command line's own refusals.
 */

const action_messages_en = {
    input: {
        invalid: (input, problem) => `input ${input} ${problem.en}`,
        oneLine: 'must be one line of text without control characters',
        flag: (text) => `is '${text}': write true or false`,
        choice: (text, choices) => `is '${text}': write ${choices.en}`,
        or: ' or ',
        positiveDuration: (text, hint) => `is '${text}': write ${hint.en}`,
        tooLong: (text, max) => `is '${text}': write at most ${max}`,
        emptyTargets: "is empty: write all, primary, or comma-separated target names (an empty selection is refused rather than read as 'all')",
        emptyTarget: (text) => `'${text}' has an empty name: remove the extra comma`,
        prNumber: (text) => `is '${text}': write a pull request number such as 42`,
        version: 'must be a version such as v1.4.0 or 2026.05.24-1: letters, digits and . _ + / -, starting with a letter or digit, at most 100 characters',
        reportOutside: (written, root) => `'${written}' leads outside the project root ${root}: give a path inside it`
    },
    cancelling: 'Cancellation received: stopping the running step',
    apiRequests: (count) => `GitHub API requests made: ${count}`,
    crashUnrecorded: (error) => `could not record everything about the crash: ${error}`,
    crashed: (stack) => `deploy-executor stopped on an unexpected error: ${stack}`,
    postCrashed: (stack) => `deploy-executor's post step stopped on an unexpected error: ${stack}`,
    noGitHubApi: 'github-token or GITHUB_REPOSITORY is empty: no GitHub API calls are possible (no approval proof, deployment record or PR comment)',
    nothingRan: 'Nothing to finish: the main step ran no real deployment',
    nothingStarted: 'Nothing to finish: the main step started no deployment',
    alreadyRecorded: 'Nothing to finish: the main step recorded the deployment',
    journalUnreadable: (file) => `the journal of this run's deployment (${file}) cannot be read, or was changed by something other than this action: whether the deployment finished, and what it changed, is unknown. Nothing was rolled back. Check the environment and the report file by hand.`,
    stateUnknownHeading: '⚠️ Deployment state unknown',
    stillRunning: (what, group) => `${what.en} is still running (process group ${group}): stopping it before anything else`,
    runningStep: (id) => `step ${id}`,
    runningRollback: (id) => `the rollback of ${id}`,
    runningOnTarget: (id, target) => `step ${id} on ${target}`,
    aStep: 'a step',
    interrupted: 'interrupted: the main step stopped while it ran',
    killed: 'the main step stopped before it finished (killed or crashed)',
    unfinishedDeployed: (proposal, environment, how) => `The deployment of ${proposal} to ${environment} did not finish in the main step (${how.en}): every step and health check had passed, so it is recorded as deployed, not rolled back`,
    unfinished: (proposal, environment, how) => `The deployment of ${proposal} to ${environment} did not finish in the main step (${how.en}): finishing it here`,
    wasCancelled: 'cancelled',
    wasKilled: 'killed or crashed',
    rollingBackGroup: 'Rolling back the interrupted deployment',
    finishedByPost: 'finished by the post step after the main step was cancelled',
    finishedByPostStopped: 'finished by the post step after the main step stopped',
    finishedByPostNothing: 'finished by the post step after the main step was cancelled; nothing was rolled back',
    finishedByPostStoppedNothing: 'finished by the post step after the main step stopped; nothing was rolled back',
    stoppedWhile: (id) => `while step ${id} ran`,
    stoppedAfter: (id) => `after step ${id}`,
    crashSummary: (where, error) => `# Deployment stopped ${where.en}\n\n${error}\n\nThe post step of this action rolls back what had started.\n`,
    stoppedError: (where, error) => `stopped ${where.en}: ${error}`,
    summaryFailed: (error) => `could not write the job summary (${error}); the report is in the log above`,
    commentPosted: (number) => `Report posted on pull request #${number}`,
    commentUpdated: (number) => `Report updated on pull request #${number}`,
    noComment: (reason) => `No PR comment: ${reason.en}`,
    refused: (count, conditions) => `Deployment refused: ${count} condition(s) unmet:\n${conditions.en}`,
    condition: (title, detail) => `- ${title.en}: ${detail.en}`,
    cancelledBeforeSteps: 'Deployment cancelled before any step ran: nothing to roll back',
    cancelledNothingUndone: 'Deployment cancelled; nothing was rolled back',
    cancelledPostRollsBack: 'Deployment cancelled: the post step rolls it back',
    ended: (status) => `Deployment ${status.en}`,
    endedWith: (status, error) => `Deployment ${status.en}: ${error.en}`,
    committed: (branch, url) => `Record committed to ${branch}: ${url}`,
    pullRequestOpened: (number, url) => `Record opened as pull request #${number}: ${url}`,
    noApiAccess: 'the record was not committed: no GitHub API access (github-token or GITHUB_REPOSITORY is empty)',
    nothingToCommit: 'nothing to commit',
    commitByHand: 'The record to commit by hand',
    changedFile: (file) => `changed: ${file}`,
    cli: {
        needsConfirm: (environment) => `deploy-executor: a real deployment needs --confirm ${environment}: type the environment name again to authorize it, or use --dry-run`,
        confirmMismatch: (confirm, environment) => `deploy-executor: --confirm '${confirm}' does not match --environment '${environment}': nothing was run`,
        filesChanged: 'Files changed in the project (the command line commits nothing: commit them with the proposal):',
        removed: (file) => `${file} (removed)`
    }
};
const action_messages_zh = {
    input: {
        invalid: (input, problem) => `输入 ${input} ${problem.zh}`,
        oneLine: '必须是一行不含控制字符的文本',
        flag: text => `为「${text}」：请写 true 或 false`,
        choice: (text, choices) => `为「${text}」：请写 ${choices.zh}`,
        or: ' 或 ',
        positiveDuration: (text, hint) => `为「${text}」：请写${hint.zh}`,
        tooLong: (text, max) => `为「${text}」：最多只能是 ${max}`,
        emptyTargets: '为空：请写 all、primary 或以逗号分隔的目标名（空的选择会被拒绝，而不是当作「all」）',
        emptyTarget: text => `「${text}」中有空的名字：请删除多余的逗号`,
        prNumber: text => `为「${text}」：请写拉取请求编号，例如 42`,
        version: '必须是版本号，例如 v1.4.0 或 2026.05.24-1：由字母、数字和 . _ + / - 组成，以字母或数字开头，最多 100 个字符',
        reportOutside: (written, root) => `「${written}」指向项目根目录 ${root} 之外：请给出其中的路径`
    },
    cancelling: '收到取消请求：正在停止运行中的步骤',
    apiRequests: count => `发出的 GitHub API 请求数：${count}`,
    crashUnrecorded: error => `无法完整记录这次崩溃：${error}`,
    crashed: stack => `deploy-executor 因意外错误而停止：${stack}`,
    postCrashed: stack => `deploy-executor 的 post 步骤因意外错误而停止：${stack}`,
    noGitHubApi: 'github-token 或 GITHUB_REPOSITORY 为空：无法调用 GitHub API（没有审批证明、部署记录和 PR 评论）',
    nothingRan: '无需收尾：main 步骤没有进行正式部署',
    nothingStarted: '无需收尾：main 步骤没有开始部署',
    alreadyRecorded: '无需收尾：main 步骤已记录本次部署',
    journalUnreadable: file => `本次部署的 journal 文件（${file}）无法读取，或被本 action 以外的东西修改过：部署是否完成、改动了什么，都无从得知。未执行任何回滚。请人工检查环境和报告文件。`,
    stateUnknownHeading: '⚠️ 部署状态未知',
    stillRunning: (what, group) => `${what.zh} 仍在运行（进程组 ${group}）：先停止它`,
    runningStep: id => `步骤 ${id}`,
    runningRollback: id => `${id} 的回滚`,
    runningOnTarget: (id, target) => `目标 ${target} 上的步骤 ${id}`,
    aStep: '某个步骤',
    interrupted: '被中断：main 步骤在它运行时停止了',
    killed: 'main 步骤在结束前停止了（被终止或崩溃）',
    unfinishedDeployed: (proposal, environment, how) => `${proposal} 到 ${environment} 的部署没有在 main 步骤中完成（${how.zh}）：所有步骤和健康检查都已通过，因此记录为已部署，不回滚`,
    unfinished: (proposal, environment, how) => `${proposal} 到 ${environment} 的部署没有在 main 步骤中完成（${how.zh}）：在这里收尾`,
    wasCancelled: '已取消',
    wasKilled: '被终止或崩溃',
    rollingBackGroup: '回滚被中断的部署',
    finishedByPost: 'main 步骤被取消后，由 post 步骤收尾',
    finishedByPostStopped: 'main 步骤停止后，由 post 步骤收尾',
    finishedByPostNothing: 'main 步骤被取消后，由 post 步骤收尾；未执行回滚',
    finishedByPostStoppedNothing: 'main 步骤停止后，由 post 步骤收尾；未执行回滚',
    stoppedWhile: id => `于步骤 ${id} 运行期间`,
    stoppedAfter: id => `于步骤 ${id} 之后`,
    crashSummary: (where, error) => `# 部署${where.zh}停止\n\n${error}\n\n本 action 的 post 步骤会回滚已开始的操作。\n`,
    stoppedError: (where, error) => `${where.zh}停止：${error}`,
    summaryFailed: error => `无法写入作业摘要（${error}）；报告见上面的日志`,
    commentPosted: number => `报告已发表在拉取请求 #${number} 上`,
    commentUpdated: number => `拉取请求 #${number} 上的报告已更新`,
    noComment: reason => `不发表 PR 评论：${reason.zh}`,
    refused: (count, conditions) => `部署被拒绝：${count} 项条件未满足：\n${conditions.zh}`,
    condition: (title, detail) => `- ${title.zh}：${detail.zh}`,
    cancelledBeforeSteps: '部署在任何步骤运行前被取消：无需回滚',
    cancelledNothingUndone: '部署被取消；未执行回滚',
    cancelledPostRollsBack: '部署被取消：post 步骤会回滚它',
    ended: status => `部署结果：${status.zh}`,
    endedWith: (status, error) => `部署结果：${status.zh}：${error.zh}`,
    committed: (branch, url) => `记录已提交到 ${branch}：${url}`,
    pullRequestOpened: (number, url) => `记录已作为拉取请求 #${number} 提出：${url}`,
    noApiAccess: '记录没有提交：无法访问 GitHub API（github-token 或 GITHUB_REPOSITORY 为空）',
    nothingToCommit: '没有需要提交的内容',
    commitByHand: '需要手动提交的记录',
    changedFile: file => `已修改：${file}`,
    cli: {
        needsConfirm: environment => `deploy-executor：正式部署需要 --confirm ${environment}：再输入一次环境名以授权，或使用 --dry-run`,
        confirmMismatch: (confirm, environment) => `deploy-executor：--confirm「${confirm}」与 --environment「${environment}」不一致：未执行任何命令`,
        filesChanged: '项目中修改的文件（命令行程序不提交任何东西：请把它们和提案一起提交）：',
        removed: file => `${file}（已删除）`
    }
};
const action_messages_CATALOGUE = { en: action_messages_en, zh: action_messages_zh };
const action_messages_say = speakerOf(action_messages_CATALOGUE);

;// CONCATENATED MODULE: ./src/action/inputs.ts
/**
 * The action's inputs, defined once. Each entry holds the input's name and default as action.yml
 * declares them, the zod schema that turns the raw text into its setting, and, for the inputs a
 * person may pass to the command-line program, its option and help text. settings.ts builds the
 * Settings schema from this table, command-line.ts its options and usage text, and a test holds
 * action.yml and the README's inputs table to it.
 */












/** The default of a step's timeout and of the wait for another run: one place, one value. */
const DEFAULT_STEP_TIMEOUT = '30m';
const DEFAULT_DEPLOYMENT_WAIT = '30m';
// eslint-disable-next-line no-control-regex
const inputs_CONTROL = /[\u0000-\u001f\u007f]/;
/** An empty string means the default: `${{ inputs.x }}` of an event without that input is ''. */
function trimmed(value, fallback) {
    const text = (value ?? '').trim();
    return text === '' ? fallback : text;
}
/** The raw text of an input: absent when it was not given. */
const raw = optional(schemas_string());
function optionalText() {
    return pipe(raw, transform((value) => value === undefined || value.trim() === '' ? undefined : value.trim()))
        .check(refine((value) => value === undefined || !inputs_CONTROL.test(value), {
        error: errorText(action_messages_say.input.oneLine)
    }));
}
function flag(defaultValue) {
    return pipe(raw, transform((value, ctx) => {
        const text = trimmed(value, String(defaultValue));
        if (['true', 'True', 'TRUE'].includes(text))
            return true;
        if (['false', 'False', 'FALSE'].includes(text))
            return false;
        addIssue(ctx, customIssue(action_messages_say.input.flag(text)));
        return NEVER;
    }));
}
function choice(choices, defaultValue) {
    return pipe(raw, transform((value, ctx) => {
        const text = trimmed(value, defaultValue);
        if (choices.includes(text))
            return text;
        const list = listOf(choices.slice(0, -1));
        const last = choices.at(-1) ?? '';
        const or = action_messages_say.input.or;
        const written = {
            en: `${list.en}${or.en}${last}`,
            zh: `${list.zh}${or.zh}${last}`
        };
        addIssue(ctx, customIssue(action_messages_say.input.choice(text, written)));
        return NEVER;
    }));
}
function positiveDuration(defaultValue) {
    return pipe(raw, transform((value, ctx) => {
        const text = trimmed(value, defaultValue);
        const ms = parseDurationMs(text);
        if (ms === undefined || ms === 0) {
            addIssue(ctx, customIssue(action_messages_say.input.positiveDuration(text, messages_say.positiveDurationHint)));
            return NEVER;
        }
        if (ms > MAX_DURATION_MS) {
            addIssue(ctx, customIssue(action_messages_say.input.tooLong(text, formatDuration(MAX_DURATION_MS))));
            return NEVER;
        }
        return ms;
    }));
}
const targets = pipe(raw, transform((value, ctx) => {
    if (value === undefined)
        return { kind: 'all' };
    const text = value.trim();
    if (text === '') {
        addIssue(ctx, customIssue(action_messages_say.input.emptyTargets));
        return NEVER;
    }
    if (text === 'all')
        return { kind: 'all' };
    if (text === 'primary')
        return { kind: 'primary' };
    const names = text.split(',').map(name => name.trim());
    if (names.some(name => name === '')) {
        addIssue(ctx, customIssue(action_messages_say.input.emptyTarget(text)));
        return NEVER;
    }
    return { kind: 'names', names: [...new Set(names)] };
}));
const prNumber = pipe(raw, transform((value, ctx) => {
    const text = (value ?? '').trim();
    if (text === '')
        return undefined;
    if (!/^[1-9]\d*$/.test(text)) {
        addIssue(ctx, customIssue(action_messages_say.input.prNumber(text)));
        return NEVER;
    }
    return Number(text);
}));
const token = pipe(raw, transform((value) => value === undefined || value === '' ? undefined : value));
function input(spec) {
    return spec;
}
/** Every input, keyed by the name of the setting it becomes. */
const INPUTS = {
    environment: input({
        name: 'environment',
        default: '',
        schema: optionalText(),
        cli: {
            option: 'environment',
            kind: 'value',
            placeholder: '<name>',
            help: "the environment to deploy to (one of the plan's environments)"
        }
    }),
    isDryRun: input({
        name: 'dry-run',
        default: 'false',
        schema: flag(false),
        cli: {
            option: 'dry-run',
            kind: 'true',
            help: 'show what would run; runs nothing, writes nothing'
        }
    }),
    mode: input({
        name: 'mode',
        default: 'deploy',
        schema: choice(MODES, 'deploy'),
        cli: {
            option: 'mode',
            kind: 'value',
            placeholder: `<${MODES.join('|')}>`,
            help: 'default deploy'
        }
    }),
    proposal: input({
        name: 'proposal',
        default: '',
        schema: optionalText(),
        cli: {
            option: 'proposal',
            kind: 'value',
            placeholder: '<slug>',
            help: 'default: logos/.openlogos-guard, the change/<slug> branch, or the only open one'
        }
    }),
    plan: input({
        name: 'plan',
        default: '',
        schema: optionalText(),
        cli: {
            option: 'plan',
            kind: 'value',
            placeholder: '<file>',
            help: `default: the executable plan in ${OPENLOGOS.planDir}/`
        }
    }),
    targets: input({
        name: 'targets',
        default: 'all',
        schema: targets,
        cli: {
            option: 'targets',
            kind: 'value',
            placeholder: '<list>',
            help: 'all | primary | comma-separated names (default all)'
        }
    }),
    version: input({
        name: 'version',
        default: '',
        schema: optionalText().check(refine((value) => value === undefined || VERSION_PATTERN.test(value), {
            error: errorText(action_messages_say.input.version)
        })),
        cli: {
            option: 'version',
            kind: 'value',
            placeholder: '<text>',
            help: 'default: the tag or the 7-character commit'
        }
    }),
    workingDirectory: input({
        name: 'working-directory',
        default: '.',
        schema: optionalText(),
        cli: {
            option: 'working-directory',
            kind: 'value',
            placeholder: '<dir>',
            help: 'the project root (default .)'
        }
    }),
    githubToken: input({ name: 'github-token', default: '${{ github.token }}', schema: token }),
    requireApproval: input({ name: 'require-approval', default: 'true', schema: flag(true) }),
    rollbackOnFailure: input({
        name: 'rollback-on-failure',
        default: 'true',
        schema: flag(true),
        cli: { option: 'no-rollback', kind: 'false', help: 'do not roll back on failure' }
    }),
    allowNoRollback: input({
        name: 'allow-no-rollback',
        default: 'false',
        schema: flag(false),
        cli: {
            option: 'allow-no-rollback',
            kind: 'true',
            help: 'accept a plan that declares no rollback'
        }
    }),
    stepTimeoutMs: input({
        name: 'step-timeout',
        default: DEFAULT_STEP_TIMEOUT,
        schema: positiveDuration(DEFAULT_STEP_TIMEOUT),
        cli: {
            option: 'step-timeout',
            kind: 'value',
            placeholder: '<duration>',
            help: `timeout of a step that sets none (default ${DEFAULT_STEP_TIMEOUT})`
        }
    }),
    deploymentWaitMs: input({
        name: 'deployment-wait',
        default: DEFAULT_DEPLOYMENT_WAIT,
        schema: positiveDuration(DEFAULT_DEPLOYMENT_WAIT)
    }),
    reportPath: input({
        name: 'report-path',
        default: OPENLOGOS.defaultReportPath,
        schema: optionalText(),
        cli: {
            option: 'report-path',
            kind: 'value',
            placeholder: '<file>',
            help: `default ${OPENLOGOS.defaultReportPath}`
        }
    }),
    writeMarkers: input({
        name: 'write-markers',
        default: 'true',
        schema: flag(true),
        cli: {
            option: 'no-markers',
            kind: 'false',
            help: 'do not write DEPLOY_DONE or tick [deploy] tasks'
        }
    }),
    comment: input({ name: 'comment', default: 'true', schema: flag(true) }),
    prNumber: input({ name: 'pr-number', default: '', schema: prNumber }),
    requireDistinctApprover: input({
        name: 'require-distinct-approver',
        default: 'false',
        schema: flag(false)
    }),
    githubDeployment: input({
        name: 'github-deployment',
        default: 'auto',
        schema: choice(GITHUB_DEPLOYMENT_MODES, 'auto')
    }),
    persist: input({
        name: 'persist',
        default: 'commit',
        schema: choice(PERSIST_MODES, 'commit')
    }),
    redeploy: input({
        name: 'redeploy',
        default: 'false',
        schema: flag(false),
        cli: {
            option: 'redeploy',
            kind: 'true',
            help: 'deploy a proposal that already has DEPLOY_DONE again'
        }
    })
};
/** Input names by setting, for code that reads or passes one input: `INPUT.dryRun` is 'dry-run'. */
const INPUT = Object.fromEntries(Object.entries(INPUTS).map(([key, spec]) => [key, spec.name]));

;// CONCATENATED MODULE: ./src/action/journal.ts
/**
 * The journal of a real run: enough to finish it from another process. It is replaced atomically
 * after every change of state, so the post step finds the last complete state even when the main
 * step was cancelled, killed or crashed half-way.
 */



/**
 * 3: the report's sentences (checks, notes, warnings) are kept in both languages.
 * 4: the run plan is kept apart, in `<journal>.plan`.
 * 5: each entry is numbered (`written`), so an older one put back is told from the last.
 */
const JOURNAL_VERSION = 5;
/** A new key to seal a journal with; the main step hands it to the post step in its saved state. */
function newJournalKey() {
    return nodeCrypto().randomBytes(32).toString('base64url');
}
/**
 * The journal sits in RUNNER_TEMP, where any later step of the job can write. Its first line is
 * an HMAC of the rest under a key only the action's own state carries, so the post step never
 * runs rollback commands, or writes to a folder, that the main step did not write down.
 */
function seal(key, body) {
    return nodeCrypto().createHmac('sha256', key).update(body).digest('hex');
}
function unsealed(key, text) {
    const newline = text.indexOf('\n');
    if (newline < 0)
        return undefined;
    const claimed = Buffer.from(text.slice(0, newline), 'utf8');
    const body = text.slice(newline + 1);
    const expected = Buffer.from(seal(key, body), 'utf8');
    return claimed.length === expected.length && nodeCrypto().timingSafeEqual(claimed, expected)
        ? body
        : undefined;
}
function fileJournal(file, key, options = {}) {
    let last;
    let written = 0;
    const planFile = `${file}.plan`;
    const planSeals = new WeakMap();
    let writtenPlanSeal;
    const versions = versionedFile(file);
    const planVersions = versionedFile(planFile);
    const planSealOf = (runPlan) => {
        let planSeal = planSeals.get(runPlan);
        if (planSeal === undefined) {
            const plan = Buffer.from(JSON.stringify(runPlan));
            planSeal = seal(key, plan);
            // The post step reads the plan back: the same plan need not be written again.
            if (planSeal !== writtenPlanSeal)
                planVersions.write(Buffer.concat([Buffer.from(`${planSeal}\n`), plan]));
            writtenPlanSeal = planSeal;
            planSeals.set(runPlan, planSeal);
        }
        return planSeal;
    };
    const encoded = new WeakMap();
    return {
        write: entry => {
            last = entry;
            try {
                // Encoded once, for the seal and the file alike.
                const number = written + 1;
                const body = Buffer.from(entryJson(entry, number, planSealOf(entry.runPlan), encoded));
                versions.write(Buffer.concat([Buffer.from(`${seal(key, body)}\n`), body]));
                written = number;
            }
            catch (error) {
                // A step announced by a write that failed never starts: do not remember it as running.
                const { runningStep: _notStarted, ...started } = entry;
                last = started;
                return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
            options.onWritten?.(written);
            return Promise.resolve();
        },
        read: async () => {
            const [text, planText] = await Promise.all([file, planFile].map(name => external_node_fs_namespaceObject.promises.readFile(name, 'utf8').catch(() => undefined)));
            const body = text === undefined ? undefined : unsealed(key, text);
            const plan = planText === undefined ? undefined : unsealed(key, planText);
            if (body === undefined || plan === undefined)
                return last;
            try {
                const stored = JSON.parse(body);
                if (stored.version !== JOURNAL_VERSION || stored.runPlanSeal !== seal(key, plan))
                    return last;
                if (typeof stored.written !== 'number' || stored.written < (options.lastWritten ?? 0))
                    return last;
                const { version: _version, written: number, runPlanSeal, ...entry } = stored;
                // Whoever goes on with the run numbers its entries after this one.
                written = number;
                const runPlan = JSON.parse(plan);
                planSeals.set(runPlan, runPlanSeal);
                writtenPlanSeal = runPlanSeal;
                return {
                    ...entry,
                    runPlan,
                    report: { ...entry.report, deployment: entry.deployment, runPlan }
                };
            }
            catch {
                return last;
            }
        }
    };
}
/**
 * The entry as the journal keeps it: the report without the deployment and run plan, which the
 * entry holds once, and only a step that did not succeed keeps its output, so the journal stays
 * small. A step's record never changes once made, and the whole entry is written twice per step:
 * each record is encoded once, on its first write (`encoded`), and only what surrounds them anew.
 * Encoding every record at every write made a plan of 200 steps encode 40,000 of them.
 */
function entryJson(entry, written, runPlanSeal, encoded) {
    const { runPlan: _kept, report, ...rest } = entry;
    const { runPlan: _plan, deployment: _deployment, steps, ...facts } = report;
    const stepJson = (step) => {
        let json = encoded.get(step);
        if (json === undefined) {
            const { outputTail: _dropped, ...kept } = step;
            json = JSON.stringify(step.status === 'succeeded' ? kept : step);
            encoded.set(step, json);
        }
        return json;
    };
    const reportJson = withMember(JSON.stringify(facts), 'steps', `[${steps.map(stepJson).join(',')}]`);
    return withMember(JSON.stringify({ version: JOURNAL_VERSION, written, ...rest, runPlanSeal }), 'report', reportJson);
}
/** The JSON of an object with one more member, whose value is given as JSON already. */
function withMember(objectJson, name, valueJson) {
    const member = `${JSON.stringify(name)}:${valueJson}`;
    return objectJson === '{}' ? `{${member}}` : `${objectJson.slice(0, -1)},${member}}`;
}
/** The journal as the orchestrator writes it: each state of the run with the run's settings. */
function runJournal(journal, settings) {
    const { githubToken: _token, ...kept } = settings;
    return { save: state => journal.write({ ...state, settings: kept }) };
}

;// CONCATENATED MODULE: ./src/report/result-json.ts
function toResultJson(report, reportPath) {
    return {
        status: report.status,
        environment: report.deployment.environment ?? null,
        version: report.deployment.version,
        sha: report.deployment.sha || null,
        proposal: report.deployment.proposal ?? null,
        mode: report.deployment.mode,
        dryRun: report.deployment.isDryRun,
        targets: report.deployment.targets,
        startedAt: report.startedAt,
        finishedAt: report.finishedAt,
        durationMs: report.durationMs,
        steps: report.steps.map(step => ({
            id: step.id,
            name: step.name,
            target: step.target ?? null,
            status: step.status,
            exitCode: step.exitCode ?? null,
            durationMs: step.durationMs,
            weight: step.weight ?? null
        })),
        targetOutcomes: report.targets
            ? report.targets.map(item => ({
                target: item.target,
                status: item.status,
                cause: item.cause ?? null
            }))
            : null,
        health: report.health.map(check => ({
            name: check.name,
            target: check.target ?? null,
            healthy: check.isHealthy,
            probes: check.probes,
            failures: check.failures,
            weight: check.weight ?? null,
            metric: check.metric
                ? {
                    baseline: check.metric.baseline ?? null,
                    last: check.metric.samples.at(-1)?.value ?? null
                }
                : null
        })),
        rollback: report.rollback
            ? {
                cause: report.rollback.cause,
                complete: report.rollback.isComplete,
                durationMs: report.rollback.durationMs,
                steps: report.rollback.steps.map(step => ({
                    id: step.id,
                    target: step.target ?? null,
                    status: step.status
                }))
            }
            : null,
        approvals: report.approvals.map(approval => ({
            user: approval.user,
            comment: approval.comment ?? null
        })),
        deploymentId: report.deployment.id ?? null,
        deployUrl: report.deployUrl ?? null,
        reportPath: reportPath ?? null
    };
}

;// CONCATENATED MODULE: ./src/action/outputs.ts

const OUTPUT = {
    status: 'status',
    deploymentId: 'deployment-id',
    deployUrl: 'deploy-url',
    version: 'version',
    previousVersion: 'previous-version',
    reportPath: 'report-path',
    result: 'result',
    recordCommit: 'record-commit',
    recordPullRequest: 'record-pull-request'
};
/**
 * `report` is already redacted (redact-report.ts): its text carries no secret, and the fields a
 * workflow relies on (status, version, ids) are whole, whatever a secret's value.
 */
function publishOutputs(report, sink) {
    const set = (name, value) => sink.setOutput(name, value ?? '');
    set(OUTPUT.status, report.status);
    set(OUTPUT.deploymentId, report.deployment.id);
    set(OUTPUT.deployUrl, report.deployUrl);
    set(OUTPUT.version, report.deployment.version);
    set(OUTPUT.previousVersion, report.deployment.rollbackPoint?.version);
    set(OUTPUT.reportPath, report.reportFile);
    set(OUTPUT.result, JSON.stringify(toResultJson(report, report.reportFile)));
}

;// CONCATENATED MODULE: ./src/action/persist.ts
/**
 * After a real run on a runner: the files it changed in the project, committed to the repository
 * (github/record-commit.ts), so that OpenLogos and the next run see them. When that is not
 * possible, the job summary shows the change as a patch for a person to apply.
 */








async function persistRun(report, options) {
    const changes = report.projectChanges;
    if (!changes || options.mode === 'off')
        return { kind: 'skipped', reason: action_messages_say.nothingToCommit };
    const { deployment } = report;
    const repoPath = (file) => external_node_path_default().relative(options.context.workspace, external_node_path_default().join(options.projectRoot, file))
        .split((external_node_path_default()).sep)
        .join('/');
    const outcome = options.client
        ? await persistRecord(options.client, options.context, {
            mode: options.mode,
            environment: deployment.environment ?? 'unknown',
            headline: `deploy-executor: ${deployment.proposal ?? ''} ${deployment.version} to ${deployment.environment ?? ''}: ${report.status}`,
            body: `The record of workflow run ${options.context.runUrl ?? options.context.runId ?? ''}: the deployment report${report.status === 'success' ? ', and what openlogos deploy-done does (tasks.md, DEPLOY_DONE, no SMOKE_PASS/SMOKE_FAIL)' : ''}.`,
            files: {
                written: await Promise.all(changes.written.map(async (file) => ({
                    path: repoPath(file),
                    contents: await external_node_fs_namespaceObject.promises.readFile(external_node_path_default().join(options.projectRoot, file))
                }))),
                deleted: changes.deleted.map(repoPath)
            }
        })
        : { kind: 'failed', warning: action_messages_say.noApiAccess };
    switch (outcome.kind) {
        case 'committed':
            options.outputs.setOutput(OUTPUT.recordCommit, outcome.sha);
            options.log.info(action_messages_say.committed(outcome.branch, outcome.url));
            break;
        case 'pull-request':
            options.outputs.setOutput(OUTPUT.recordPullRequest, outcome.url);
            options.log.info(action_messages_say.pullRequestOpened(outcome.number, outcome.url));
            break;
        case 'failed': {
            options.log.warning(outcome.warning);
            const patch = options.secrets.redact(patchOf(options.projectRoot, changes, report.locale));
            const heading = message_inLocale(action_messages_say.commitByHand, report.locale);
            // GitHub's answer is quoted in it: untrusted text, redacted, then made plain Markdown.
            const warning = markdown_safe_text(options.secrets.redact(message_inLocale(outcome.warning, report.locale)));
            await options
                .summary(`\n## ${heading}\n\n${warning}\n\n${fenced(patch, 'diff')}\n`)
                .catch(() => undefined);
            break;
        }
        case 'skipped':
            break;
    }
    return outcome;
}
/** The change as `git diff` shows it (new files against /dev/null), or the file list without git. */
function patchOf(root, changes, locale) {
    const git = (args) => {
        try {
            return lazy_builtins_childProcess().execFileSync('git', args, {
                cwd: root,
                encoding: 'utf8',
                stdio: ['ignore', 'pipe', 'ignore']
            });
        }
        catch (error) {
            // git diff --no-index exits 1 when the files differ: its output is the patch.
            const output = error.stdout;
            return typeof output === 'string' ? output : '';
        }
    };
    const paths = [...changes.written, ...changes.deleted];
    const tracked = git(['diff', '--no-color', '--', ...paths]);
    const untracked = git(['ls-files', '--others', '--exclude-standard', '--', ...changes.written])
        .split('\n')
        .filter(Boolean)
        .map(file => git(['diff', '--no-color', '--no-index', '/dev/null', file]))
        .join('');
    const patch = `${tracked}${untracked}`;
    return patch.trim() === ''
        ? paths.map(file => message_inLocale(action_messages_say.changedFile(file), locale)).join('\n')
        : patch;
}

;// CONCATENATED MODULE: ./src/github/pr-comment.ts
/**
 * The report on the pull request: one comment per environment, updated in place, with the earlier
 * attempts' one-line results kept in a collapsed history. Best effort: a comment that cannot be
 * posted is a warning, never a failed deployment.
 *
 * Only a comment this action wrote is ever edited: its first line is the environment's marker and
 * its author is the token's own identity. The history is read only from the comment's last line,
 * where the action writes it, and every field of it is checked before it is shown again; untrusted
 * text in the report can write neither (markdown-safe.ts never lets it open an HTML comment).
 */






/** The hidden marker, first line of this action's PR comment for an environment. */
function commentMarker(environment) {
    return `<!-- deploy-executor:${environment} -->`;
}
const HISTORY_PREFIX = '<!-- deploy-executor-history ';
const HISTORY_SUFFIX = ' -->';
const HISTORY_LIMIT = 20;
/** The job's GITHUB_TOKEN comments as this bot; GitHub does not let that token read /user. */
const ACTIONS_BOT = 'github-actions[bot]';
/**
 * `pr-number`, else the event's pull request, else the pull requests of the commit: the open one
 * first, and never one from a fork (anyone can open a pull request holding any commit).
 */
async function findPullRequest(client, context, prNumber) {
    if (prNumber !== undefined)
        return prNumber;
    const fromEvent = context.event['pull_request']?.number;
    if (typeof fromEvent === 'number')
        return fromEvent;
    if (!context.sha || !context.repository)
        return undefined;
    const ours = (await client.listPullRequestsOfCommit(context.sha)).filter(pull => pull.headRepo === context.repository && pull.baseRepo === context.repository);
    return (ours.find(pull => pull.state === 'open') ?? ours[0])?.number;
}
/** `markdown` is rendered from a redacted report; `report` is the same redacted report. */
async function publishComment(client, context, report, markdown, options) {
    const headRepo = context.event['pull_request']?.head?.repo?.full_name;
    if (headRepo && context.repository && headRepo !== context.repository) {
        return {
            kind: 'failed',
            warning: github_messages_say.fromForkNoComment(headRepo)
        };
    }
    const environment = report.deployment.environment ?? 'unknown';
    let pullRequest;
    try {
        pullRequest = await findPullRequest(client, context, options.prNumber);
        if (pullRequest === undefined)
            return { kind: 'skipped', reason: github_messages_say.noPullRequestForCommit };
        const existing = await findOwnComment(client, pullRequest, environment);
        const body = composeComment(environment, markdown, existing?.body, attemptOf(report, context), report.locale);
        if (existing) {
            try {
                await client.updateIssueComment(existing.id, body);
                return { kind: 'posted', pullRequest, commentId: existing.id, isUpdate: true };
            }
            catch (error) {
                // Deleted meanwhile, or no longer ours to edit: post a fresh one.
                if (!(error instanceof GitHubApiError && (error.status === 403 || error.status === 404)))
                    throw error;
            }
        }
        const created = await client.createIssueComment(pullRequest, body);
        return { kind: 'posted', pullRequest, commentId: created.id, isUpdate: false };
    }
    catch (error) {
        const where = pullRequest === undefined ? github_messages_say.thePullRequest : github_messages_say.pullRequest(pullRequest);
        return {
            kind: 'failed',
            warning: github_messages_say.commentFailed(where, explainApiError(error, 'pull-requests: write'))
        };
    }
}
/** The newest comment whose first line is the marker and whose author the token acts as. */
async function findOwnComment(client, pullRequest, environment) {
    const marker = commentMarker(environment);
    const candidates = (await client.listIssueComments(pullRequest)).filter(comment => comment.body.split('\n', 1)[0]?.trim() === marker);
    if (candidates.length === 0)
        return undefined;
    const self = (await client.getAuthenticatedLogin()) ?? ACTIONS_BOT;
    return candidates.filter(comment => comment.author === self).at(-1);
}
function attemptOf(report, context) {
    return {
        at: report.finishedAt,
        status: report.status,
        version: report.deployment.version,
        durationMs: report.durationMs,
        ...(context.runUrl ? { runUrl: context.runUrl } : {})
    };
}
/**
 * The comment body: marker, report (cut to fit), earlier attempts, and the history they come from
 * as the last line. Measured as sent: never more than GitHub accepts.
 */
function composeComment(environment, reportMarkdown, previousBody, attempt, locale) {
    const t = reportText(locale);
    const history = [attempt, ...readHistory(previousBody)].slice(0, HISTORY_LIMIT);
    const earlier = history.slice(1);
    const historyBlock = [
        earlier.length > 0
            ? `<details><summary>${t.comment.earlierAttempts(earlier.length)}</summary>\n\n${earlier.map(item => describeAttempt(item, t)).join('\n')}\n\n</details>`
            : '',
        `${HISTORY_PREFIX}${JSON.stringify(history).replace(/--/g, '-\\u002d')}${HISTORY_SUFFIX}`
    ]
        .filter(Boolean)
        .join('\n\n');
    const head = `${commentMarker(environment)}\n`;
    const notice = t.truncated(attempt.runUrl ? t.comment.restWithRun(attempt.runUrl) : t.comment.rest);
    const compose = (room) => `${head}${truncateMarkdown(reportMarkdown, room, notice).trimEnd()}\n\n${historyBlock}\n`;
    // Characters, as GitHub counts them; truncation works in bytes, so shrink until it fits.
    let room = LIMITS.commentChars - head.length - historyBlock.length - 4;
    let body = compose(room);
    while (body.length > LIMITS.commentChars && room > 0) {
        room -= body.length - LIMITS.commentChars + 64;
        body = compose(Math.max(0, room));
    }
    return body;
}
/** The history the action wrote as the comment's last line; anything malformed is dropped. */
function readHistory(body) {
    const last = body?.trimEnd().split('\n').at(-1) ?? '';
    if (!last.startsWith(HISTORY_PREFIX) || !last.endsWith(HISTORY_SUFFIX))
        return [];
    try {
        const parsed = JSON.parse(last.slice(HISTORY_PREFIX.length, last.length - HISTORY_SUFFIX.length));
        return Array.isArray(parsed) ? parsed.filter(isAttempt) : [];
    }
    catch {
        return [];
    }
}
const pr_comment_STATUSES = new Set(['success', 'failure', 'rolled-back', 'cancelled', 'refused', 'dry-run']);
/** A history entry exactly as the action writes one: anything else may have been forged. */
function isAttempt(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const item = value;
    return (typeof item['at'] === 'string' &&
        /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(item['at']) &&
        typeof item['status'] === 'string' &&
        pr_comment_STATUSES.has(item['status']) &&
        typeof item['version'] === 'string' &&
        item['version'].length <= 100 &&
        typeof item['durationMs'] === 'number' &&
        Number.isFinite(item['durationMs']) &&
        (item['runUrl'] === undefined ||
            (typeof item['runUrl'] === 'string' &&
                /^https:\/\/[\w.-]+(:\d+)?\/[\w.-]+\/[\w.-]+\/actions\/runs\/\d+$/.test(item['runUrl']))));
}
function describeAttempt(attempt, t) {
    const run = attempt.runUrl ? ` · [${t.comment.run}](${attempt.runUrl})` : '';
    return `- ${attempt.at} · ${t.comment.status[attempt.status]} · ${markdown_safe_text(attempt.version)} · ${formatDuration(attempt.durationMs)}${run}`;
}

;// CONCATENATED MODULE: ./src/report/model.ts
/** Statuses after which the action's step succeeds. */
const SUCCESSFUL_STATUSES = ['success', 'dry-run'];
/** Whether the run did what it was asked: deployed, previewed, or (mode rollback) rolled back. */
function isSuccessfulRun(report) {
    return (SUCCESSFUL_STATUSES.includes(report.status) ||
        (report.deployment.mode === 'rollback' && report.status === 'rolled-back'));
}

;// CONCATENATED MODULE: ./src/action/publish.ts
/**
 * Places the rendered report: outputs, job summary and PR comment. Publishing is best effort: a
 * sink that fails becomes a warning naming the fix, never a failed deployment. Whether the step
 * fails is the caller's decision (main-step.ts, post-step.ts), from the outcome returned here.
 */











/** `markdown` is rendered from a redacted report. */
async function publishSummary(markdown, sink, warn, locale) {
    const t = reportText(locale);
    const safe = truncateMarkdown(markdown, LIMITS.summaryBytes, t.truncated(t.summaryRest));
    try {
        await sink.write(safe);
    }
    catch (error) {
        warn(action_messages_say.summaryFailed(error.message));
    }
}
/** Outputs, job summary and PR comment. */
async function publish(report, options) {
    const { log } = options;
    const safe = redactReport(report, options.secrets);
    if (options.setOutputs)
        publishOutputs(safe, lib_core);
    const markdown = renderReport(safe, safe.locale);
    await publishSummary(markdown, {
        write: async (text) => {
            await lib_core.summary.addRaw(text).write();
        }
    }, log.warning, safe.locale);
    if (options.comment && options.client) {
        const result = await publishComment(options.client, options.context, safe, markdown, {
            prNumber: options.prNumber
        });
        if (result.kind === 'posted')
            log.info(result.isUpdate
                ? action_messages_say.commentUpdated(result.pullRequest)
                : action_messages_say.commentPosted(result.pullRequest));
        else if (result.kind === 'skipped')
            log.info(action_messages_say.noComment(result.reason));
        else
            log.warning(result.warning);
    }
    if (isSuccessfulRun(report))
        return { isSuccessful: true };
    return { isSuccessful: false, failure: failureMessage(safe, options.isFinal === true) };
}
function failureMessage(report, isFinal) {
    if (report.status === 'refused') {
        const unmet = report.checks.filter(check => check.status === 'failed');
        const lines = unmet.map(check => action_messages_say.condition(check.title, firstLine(check.detail)));
        return action_messages_say.refused(unmet.length, joinMessages(lines, SEPARATOR.line));
    }
    if (report.status === 'cancelled' && !report.steps.some(step => step.status !== 'skipped'))
        return action_messages_say.cancelledBeforeSteps;
    if (report.status === 'cancelled' && report.rollback === undefined)
        return isFinal ? action_messages_say.cancelledNothingUndone : action_messages_say.cancelledPostRollsBack;
    const status = statusWord(report.status);
    return report.error ? action_messages_say.endedWith(status, report.error) : action_messages_say.ended(status);
}

;// CONCATENATED MODULE: ./src/action/recovery.ts
/**
 * Finishing a run the main step could not finish: after a cancellation (the runner gives the main
 * step seconds, not the minutes a rollback takes), a kill or a crash. Reads the journal, rolls back
 * what had started, and records the final outcome. Used by the post step, and by the main step to
 * record a crash as far as it got.
 */








/**
 * A step's run: its id, the canary increment it ran at (a canary step runs at each), and the target
 * it ran for (a per-target step runs for each).
 */
function recovery_runOf(step) {
    return `${step.id}@${step.weight ?? ''}#${step.target ?? ''}`;
}
/** The plan's steps, each with the phase and the canary increment it runs in. */
function plannedSteps(entry) {
    return entry.runPlan.phases.flatMap(phase => phase.steps.map(step => ({
        step,
        phase: phase.kind,
        ...(phase.weight === undefined ? {} : { weight: phase.weight })
    })));
}
/** The report of a run as far as its journal goes, with the step that was interrupted. */
function reportFromJournal(entry, now, error) {
    const steps = [...entry.report.steps];
    const planned = plannedSteps(entry);
    const interrupted = [
        ...(entry.runningStep ? [{ id: entry.runningStep, target: undefined }] : []),
        ...(entry.runningTargets ?? []).map(item => ({ id: item.step, target: item.target }))
    ];
    for (const { id, target } of interrupted) {
        const found = planned.find(item => item.step.id === id && item.weight === entry.runningWeight);
        const at = { id, weight: entry.runningWeight, target: target ?? found?.step.target };
        if (steps.some(step => recovery_runOf(step) === recovery_runOf(at) && step.phase !== 'rollback'))
            continue;
        steps.push({
            id,
            name: found?.step.name ?? id,
            phase: found?.phase ?? 'deploy',
            status: 'cancelled',
            durationMs: 0,
            outputs: {},
            note: action_messages_say.interrupted,
            ...(at.target === undefined ? {} : { target: at.target }),
            ...(entry.runningWeight === undefined ? {} : { weight: entry.runningWeight })
        });
    }
    return {
        ...entry.report,
        steps,
        finishedAt: new Date(now).toISOString(),
        durationMs: Math.max(0, now - Date.parse(entry.report.startedAt)),
        ...(error ? { error } : {})
    };
}
/**
 * Whether the run had deployed when its main step stopped: every planned step ran and succeeded (or
 * failed with continue-on-error), at every canary increment, every planned health check was
 * healthy, and nothing was running. Such a deployment is recorded, never rolled back.
 */
function hasSucceeded(entry) {
    if (entry.runningStep !== undefined ||
        (entry.runningTargets ?? []).length > 0 ||
        entry.pendingRollback ||
        entry.rollingBack ||
        entry.report.rollback)
        return false;
    const { fleet } = entry.runPlan;
    const undone = (entry.report.targets ?? [])
        .filter(item => item.status === 'undone')
        .map(item => item.target);
    // Targets undone on their own are within max-failed-targets, or the run would have stopped.
    if (undone.length > fleet.rollout.maxFailedTargets)
        return false;
    const deployed = fleet.targets.map(item => item.name).filter(name => !undone.includes(name));
    const records = new Map(entry.report.steps.map(step => [recovery_runOf(step), step]));
    const stepsPassed = plannedSteps(entry).every(({ step, weight }) => {
        const runs = step.isPerTarget
            ? deployed.map(target => ({ id: step.id, weight, target }))
            : [{ id: step.id, weight, target: step.target }];
        return runs.every(at => {
            const record = records.get(recovery_runOf(at));
            return record?.status === 'succeeded' || (record?.status === 'failed' && step.continueOnError);
        });
    });
    const checks = entry.runPlan.phases
        .flatMap(phase => phase.health)
        .reduce((count, check) => count + (check.isPerTarget ? deployed.length : 1), 0);
    const judged = entry.report.health.filter(record => record.target === undefined || deployed.includes(record.target));
    return stepsPassed && judged.every(record => record.isHealthy) && judged.length === checks;
}
/** Stops the process groups of the steps the main step left running, all at once. */
async function stopSurvivingSteps(entry, deps) {
    const single = {
        group: entry.runningProcessGroup,
        what: entry.runningStep
            ? say.runningStep(entry.runningStep)
            : entry.rollingBack?.running
                ? say.runningRollback(entry.rollingBack.running)
                : say.aStep
    };
    const parallel = [...(entry.runningTargets ?? []), ...(entry.rollingBack?.runningTargets ?? [])];
    await Promise.all([
        single,
        ...parallel.map(item => ({
            group: item.processGroup,
            what: say.runningOnTarget(item.step, item.target)
        }))
    ].map(({ group, what }) => group === undefined ? Promise.resolve() : stopGroup(group, what, deps)));
}
/** Stops a process group, SIGTERM then SIGKILL. */
async function stopGroup(group, what, deps) {
    if (!isGroupAlive(group))
        return;
    deps.log.warning(say.stillRunning(what, group));
    for (const [signal, waitMs] of [
        ['SIGTERM', 5_000],
        ['SIGKILL', 5_000]
    ]) {
        try {
            process.kill(-group, signal);
        }
        catch {
            return;
        }
        const deadline = deps.clock.now() + waitMs;
        while (isGroupAlive(group) && deps.clock.now() < deadline)
            await deps.clock.sleep(100);
        if (!isGroupAlive(group))
            return;
    }
}
function isGroupAlive(group) {
    try {
        process.kill(-group, 0);
    }
    catch {
        return false;
    }
    return hasLivingMember(group);
}
/**
 * Whether a process of the group still runs: a zombie no init has reaped yet (a container's first
 * process often reaps none) answers signal 0 but is dead. Without /proc, assume it runs.
 */
function hasLivingMember(group) {
    let pids;
    try {
        pids = readdirSync('/proc').filter(name => /^\d+$/.test(name));
    }
    catch {
        return true;
    }
    return pids.some(pid => {
        try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            return fields[2] === String(group) && fields[0] !== 'Z';
        }
        catch {
            return false;
        }
    });
}
/** Whether any step of the run had started, and so may have changed the environment. */
function hasStarted(entry) {
    return (entry.runningStep !== undefined ||
        (entry.runningTargets ?? []).length > 0 ||
        entry.report.steps.some(step => step.status !== 'skipped'));
}
async function recover(deps) {
    const { log } = deps;
    const entry = await deps.journal.read();
    if (!entry) {
        log.info(say.nothingStarted);
        return undefined;
    }
    if (entry.isComplete) {
        log.info(say.alreadyRecorded);
        return undefined;
    }
    entry.secretNames.forEach(name => deps.secrets.add(deps.env[name]));
    const wasCancelled = entry.report.status === 'cancelled' || entry.pendingRollback?.isCancel === true;
    const report = reportFromJournal(entry, deps.clock.now(), wasCancelled ? undefined : (entry.report.error ?? say.killed));
    const { deployment } = entry;
    // A step the main step left running would race its own rollback: stop it first.
    await stopSurvivingSteps(entry, deps);
    const isDeployed = !wasCancelled && hasSucceeded(entry);
    const how = wasCancelled ? say.wasCancelled : say.wasKilled;
    log.warning((isDeployed ? say.unfinishedDeployed : say.unfinished)(deployment.proposal, deployment.environment, how));
    let rollback = entry.report.rollback;
    const mayRollBack = entry.settings.rollbackOnFailure && entry.deployment.mode !== 'rollback';
    if (!isDeployed && !rollback && hasStarted(entry) && mayRollBack) {
        rollback = await log.group(say.rollingBackGroup, () => rollBack(entry, report.steps, deps));
    }
    const status = isDeployed
        ? statusOf(entry.deployment.mode, 'success')
        : wasCancelled
            ? 'cancelled'
            : rollback?.isComplete
                ? 'rolled-back'
                : 'failure';
    const final = {
        ...(isDeployed ? { ...report, error: undefined } : report),
        status,
        rollback,
        finishedAt: new Date(deps.clock.now()).toISOString(),
        durationMs: Math.max(0, deps.clock.now() - Date.parse(report.startedAt)),
        warnings: [
            ...report.warnings,
            rollback
                ? wasCancelled
                    ? say.finishedByPost
                    : say.finishedByPostStopped
                : wasCancelled
                    ? say.finishedByPostNothing
                    : say.finishedByPostStoppedNothing
        ]
    };
    const warning = await deps.tracker.finish({
        status: recordedStatus(final),
        summary: deps.secrets.redact(`${status}: ${deployment.proposal} ${deployment.version}`),
        deployUrl: urlForGitHub(final.deployUrl, deps)
    });
    if (warning)
        log.warning(warning);
    return recovery_record(warning ? { ...final, warnings: [...final.warnings, warning] } : final, entry, {
        ...deps,
        isComplete: true
    });
}
/**
 * An unexpected error in the main step: when a deployment had started, says where it stopped and
 * records the run as far as it got (report entry, journal), leaving the rollback to the post step.
 */
async function recordCrash(error, deps) {
    const entry = await deps.journal?.read();
    if (!deps.journal || !entry || entry.isComplete || !hasStarted(entry))
        return;
    const where = entry.runningStep
        ? action_messages_say.stoppedWhile(entry.runningStep)
        : action_messages_say.stoppedAfter(entry.report.steps.at(-1)?.id ?? '?');
    await deps.tellStopped(action_messages_say.crashSummary(where, error.message));
    const report = {
        ...reportFromJournal(entry, deps.clock.now(), action_messages_say.stoppedError(where, error.message)),
        status: 'failure'
    };
    await recovery_record(report, entry, { ...deps, journal: deps.journal, isComplete: false });
}
/** Writes the report entry (replacing this run's earlier one) and the journal's new state. */
async function recovery_record(report, entry, deps) {
    const recorded = await recordDeployment(report, {
        settings: entry.settings,
        proposalFolder: entry.deployment.proposalFolder,
        log: deps.log,
        secrets: deps.secrets,
        runKey: entry.runKey,
        replacing: entry.reportEntry
    });
    await deps.journal.write({
        ...entry,
        report: recorded.report,
        isComplete: deps.isComplete,
        reportEntry: recorded.entry ?? entry.reportEntry
    });
    return recorded.report;
}
async function rollBack(entry, executed, deps) {
    const steps = new Map(entry.runPlan.phases.flatMap(phase => phase.steps.map(step => [step.id, step])));
    const cause = entry.pendingRollback?.cause ??
        entry.runningStep ??
        executed.at(-1)?.id ??
        'the interrupted run';
    const scratchDir = await fs.mkdtemp(path.join(deps.tempDir, 'deploy-executor-post-'));
    try {
        return await runRollback({
            executed: stillDeployed(executed, steps, entry.report.targets),
            steps,
            planRollbackSteps: entry.runPlan.rollbackSteps,
            cause,
            failedAt: entry.pendingRollback?.failedAt ?? deps.clock.now(),
            fleet: entry.runPlan.fleet
        }, {
            root: entry.settings.projectRoot,
            runner: deps.runner,
            log: deps.log,
            clock: deps.clock,
            job: jobEnvironment(deps.env),
            variables: entry.runPlan.variables,
            deployment: entry.deployment,
            url: entry.url,
            scratchDir
        }, { done: entry.rollingBack?.done });
    }
    finally {
        await fs.rm(scratchDir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/action/settings.ts
/**
 * The action's inputs, read once into an immutable Settings value. The schema is built from the
 * input table (inputs.ts) and transforms the raw texts into the final shape, so it is the source of
 * the type, the defaults and the error messages; every bad input is reported at once, with its fix.
 */






const inputShape = Object.fromEntries(Object.entries(INPUTS).map(([key, spec]) => [key, spec.schema]));
const settingsFields = strictObject({
    ...inputShape,
    /** Where relative paths start: GITHUB_WORKSPACE on a runner, the cwd locally. */
    workspace: schemas_string()
});
const settingsSchema = pipe(settingsFields, transform(({ workspace, workingDirectory, reportPath, ...rest }, ctx) => {
    /** Absolute path of the project root (the folder holding logos/). */
    const projectRoot = external_node_path_default().resolve(workspace, workingDirectory ?? INPUTS.workingDirectory.default);
    const written = reportPath ?? INPUTS.reportPath.default;
    const relative = external_node_path_default().relative(projectRoot, external_node_path_default().resolve(projectRoot, written));
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative)) {
        addIssue(ctx, customIssue(action_messages_say.input.reportOutside(written, projectRoot), ['reportPath']));
        return NEVER;
    }
    /** The report file, relative to the project root. */
    return Object.freeze({ ...rest, projectRoot, reportPath: relative });
}));
function readSettings(read, workspace) {
    const raw = Object.fromEntries(Object.entries(INPUTS).map(([key, spec]) => [key, read(spec.name)]));
    const parsed = settingsSchema.safeParse({ ...raw, workspace });
    if (parsed.success)
        return { ok: true, settings: parsed.data };
    return {
        ok: false,
        errors: parsed.error.issues.map(issue => {
            const input = INPUTS[issue.path[0]].name;
            return { input, message: action_messages_say.input.invalid(input, issueMessage(issue)) };
        })
    };
}

;// CONCATENATED MODULE: ./src/action/wiring.ts
/**
 * The real dependencies the action's main and post steps are built from on a runner: inputs, the
 * GitHub client and deployment record, the journal's place, and the log's output stream.
 */








/** The state entry through which the main step tells the post step where its journal is. */
const JOURNAL_STATE = 'journal';
/** The key that seals the journal (see journal.ts): in the action's state, out of any step's reach. */
const JOURNAL_KEY_STATE = 'journal-key';
/** The number of the last journal entry the main step wrote: the only one the post step reads. */
const JOURNAL_WRITTEN_STATE = 'journal-written';
/** The runner passes input `dry-run` as INPUT_DRY-RUN: upper case, hyphens kept. */
function readInput(name) {
    return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}
/**
 * The project's language, for the log's first line: read from the folder the inputs point at,
 * before the inputs are checked; English when there is nothing to read.
 */
function projectLocaleOf(read, workspace) {
    const folder = read(INPUTS.workingDirectory.name)?.trim() || INPUTS.workingDirectory.default;
    return readProjectLocale(external_node_path_default().resolve(workspace, folder));
}
/** The runner's temp folder, emptied after every job; the system's outside a runner. */
function tempDirOf(env) {
    return env['RUNNER_TEMP'] || external_node_os_default().tmpdir();
}
function journalPath(tempDir, runKey) {
    return external_node_path_default().join(tempDir, `deploy-executor-journal-${runKey}.json`);
}
/** The API client, when this run needs one: a real run, or a comment to post. */
function clientFor(settings, context, clock, log, signal) {
    if (settings.isDryRun && !settings.comment)
        return undefined;
    if (!settings.githubToken || !context.repository) {
        log.warning(action_messages_say.noGitHubApi);
        return undefined;
    }
    return createGitHubClient(settings.githubToken, context.repository, clock, signal);
}
function trackerFor(settings, client, context, clock, log, ownedDeploymentId, signal) {
    const fallback = reportFileTracker(settings.projectRoot, settings.reportPath);
    if (!client)
        return fallback;
    return githubDeploymentTracker(client, context, clock, log, {
        mode: settings.githubDeployment,
        waitTimeoutMs: settings.deploymentWaitMs,
        fallback,
        ...(ownedDeploymentId === undefined ? {} : { ownedDeploymentId }),
        ...(signal ? { signal } : {})
    });
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(8474);
;// CONCATENATED MODULE: ./src/action/stdout.ts
/** Output to the runner's log or the terminal, waiting when the reader is slower than the writers. */

/** The one wait for stdout to drain, shared by every writer: many targets write at once. */
let draining;
let isFlushedOnExit = false;
/**
 * The pieces written together (the lines of one read of a step's output, and the held end of a
 * line before them) leave in one system call: the stream is corked until the current operation is
 * done, and at the latest when the process exits.
 */
function writeStdout(chunk) {
    const out = process.stdout;
    if (!out.writableCorked) {
        out.cork();
        process.nextTick(() => out.uncork());
        if (!isFlushedOnExit) {
            isFlushedOnExit = true;
            process.once('exit', () => {
                while (out.writableCorked)
                    out.uncork();
            });
        }
    }
    if (out.write(chunk))
        return undefined;
    draining ??= (0,external_node_events_.once)(process.stdout, 'drain').then(() => {
        draining = undefined;
    });
    return draining;
}

;// CONCATENATED MODULE: ./src/action/main-step.ts
/**
 * The action's main step: reads the inputs once, builds the real dependencies, runs the engine and
 * publishes what it found. The one place that fails the main step.
 */
// First: it configures zod before any schema is built (see the module).





















async function addToSummary(markdown) {
    await lib_core.summary.addRaw(markdown).write();
}
/**
 * Between SIGTERM and SIGKILL to a cancelled step: the runner kills the action 10 s after its
 * SIGINT, and the report must be written before that.
 */
const CANCEL_GRACE_MS = 2_000;
async function run() {
    const secrets = new SecretRegistry(value => lib_core.setSecret(value));
    const locale = projectLocaleOf(readInput, process.env['GITHUB_WORKSPACE'] || process.cwd());
    const log = actionsLog(lib_core, secrets, writeStdout, locale);
    const cancellation = new AbortController();
    const cancel = () => {
        if (!cancellation.signal.aborted)
            log.warning(action_messages_say.cancelling);
        cancellation.abort();
    };
    process.on('SIGINT', cancel);
    process.on('SIGTERM', cancel);
    let journal;
    try {
        const env = process.env;
        const tempDir = tempDirOf(env);
        const context = githubRunContext(env);
        secrets.add(readInput(INPUT.githubToken));
        const read = readSettings(readInput, context.workspace);
        if (!read.ok) {
            const refused = refuseInputs(read.errors, locale, { log, clock: systemClock, context });
            const outcome = await publish(refused, {
                context,
                secrets,
                log,
                comment: false,
                setOutputs: true
            });
            if (!outcome.isSuccessful)
                lib_core.setFailed(message_inLocale(outcome.failure, locale));
            return;
        }
        const { settings } = read;
        const runKey = runKeyOf(context, systemClock.now());
        if (!settings.isDryRun) {
            const file = journalPath(tempDir, runKey);
            const key = newJournalKey();
            journal = fileJournal(file, key, {
                // Without the runner's state file, core would print the state to the log: no post step
                // will read it then anyway.
                ...(env['GITHUB_STATE']
                    ? { onWritten: written => lib_core.saveState(JOURNAL_WRITTEN_STATE, String(written)) }
                    : {})
            });
            lib_core.saveState(JOURNAL_STATE, file);
            lib_core.saveState(JOURNAL_KEY_STATE, key);
        }
        const client = clientFor(settings, context, systemClock, log, cancellation.signal);
        const report = await deploy(settings, {
            log,
            clock: systemClock,
            secrets,
            context,
            env,
            tempDir,
            runner: bashRunner({ killGraceMs: CANCEL_GRACE_MS, tempDir }),
            probe: fetchProbe,
            gate: githubApprovalGate(client, context, {
                requireApproval: settings.requireApproval,
                requireDistinctApprover: settings.requireDistinctApprover
            }),
            tracker: trackerFor(settings, client, context, systemClock, log, undefined, cancellation.signal),
            signal: cancellation.signal,
            rollbackOnCancel: false,
            journal: journal && runJournal(journal, settings),
            runKey
        });
        // A cancelled run has seconds left: the post step records and comments after the rollback.
        const isCancelled = report.status === 'cancelled';
        if (!isCancelled)
            await persistRun(report, {
                mode: settings.persist,
                projectRoot: settings.projectRoot,
                client,
                context,
                log,
                secrets,
                outputs: lib_core,
                summary: addToSummary
            });
        const outcome = await publish(report, {
            client,
            context,
            secrets,
            log,
            comment: settings.comment && !isCancelled,
            prNumber: settings.prNumber,
            setOutputs: true
        });
        if (client)
            log.debug(action_messages_say.apiRequests(client.requestCount()));
        if (!outcome.isSuccessful)
            lib_core.setFailed(message_inLocale(outcome.failure, locale));
    }
    catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        lib_core.setOutput(OUTPUT.status, 'failure');
        try {
            await recordCrash(failure, {
                log,
                clock: systemClock,
                secrets,
                journal,
                tellStopped: async (summary) => {
                    await lib_core.summary.addRaw(secrets.redact(message_inLocale(summary, locale))).write();
                }
            });
        }
        catch (recordError) {
            log.warning(action_messages_say.crashUnrecorded(recordError.message));
        }
        lib_core.setFailed(secrets.redact(message_inLocale(action_messages_say.crashed(failure.stack ?? failure.message), locale)));
    }
}

;// CONCATENATED MODULE: ./src/index.ts
/** The action's main entry point (action.yml runs.main): only starts the program. */

// A request left hanging after a cancellation must not keep the step alive: exit when done.
void run().finally(() => process.exit());

})();

module.exports = __webpack_exports__;
/******/ })()
;