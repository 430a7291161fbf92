import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 8905:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



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



const yaml = __nccwpck_require__(188);

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

/***/ 188:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {




var yaml = __nccwpck_require__(993);


module.exports = yaml;


/***/ }),

/***/ 993:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {




var loader = __nccwpck_require__(9559);
var dumper = __nccwpck_require__(9081);


function deprecated(name) {
  return function () {
    throw new Error('Function ' + name + ' is deprecated and cannot be used.');
  };
}


module.exports.Type = __nccwpck_require__(7592);
module.exports.Schema = __nccwpck_require__(995);
module.exports.FAILSAFE_SCHEMA = __nccwpck_require__(6587);
module.exports.JSON_SCHEMA = __nccwpck_require__(5636);
module.exports.CORE_SCHEMA = __nccwpck_require__(4773);
module.exports.DEFAULT_SAFE_SCHEMA = __nccwpck_require__(8693);
module.exports.DEFAULT_FULL_SCHEMA = __nccwpck_require__(1285);
module.exports.load                = loader.load;
module.exports.loadAll             = loader.loadAll;
module.exports.safeLoad            = loader.safeLoad;
module.exports.safeLoadAll         = loader.safeLoadAll;
module.exports.dump                = dumper.dump;
module.exports.safeDump            = dumper.safeDump;
module.exports.YAMLException = __nccwpck_require__(7627);

// Deprecated schema names from JS-YAML 2.0.x
module.exports.MINIMAL_SCHEMA = __nccwpck_require__(6587);
module.exports.SAFE_SCHEMA = __nccwpck_require__(8693);
module.exports.DEFAULT_SCHEMA = __nccwpck_require__(1285);

// Deprecated functions from JS-YAML 1.x.x
module.exports.scan           = deprecated('scan');
module.exports.parse          = deprecated('parse');
module.exports.compose        = deprecated('compose');
module.exports.addConstructor = deprecated('addConstructor');


/***/ }),

/***/ 3973:
/***/ ((module) => {




function isNothing(subject) {
  return (typeof subject === 'undefined') || (subject === null);
}


function isObject(subject) {
  return (typeof subject === 'object') && (subject !== null);
}


function toArray(sequence) {
  if (Array.isArray(sequence)) return sequence;
  else if (isNothing(sequence)) return [];

  return [ sequence ];
}


function extend(target, source) {
  var index, length, key, sourceKeys;

  if (source) {
    sourceKeys = Object.keys(source);

    for (index = 0, length = sourceKeys.length; index < length; index += 1) {
      key = sourceKeys[index];
      target[key] = source[key];
    }
  }

  return target;
}


function repeat(string, count) {
  var result = '', cycle;

  for (cycle = 0; cycle < count; cycle += 1) {
    result += string;
  }

  return result;
}


function isNegativeZero(number) {
  return (number === 0) && (Number.NEGATIVE_INFINITY === 1 / number);
}


module.exports.isNothing      = isNothing;
module.exports.isObject       = isObject;
module.exports.toArray        = toArray;
module.exports.repeat         = repeat;
module.exports.isNegativeZero = isNegativeZero;
module.exports.extend         = extend;


/***/ }),

/***/ 9081:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



/*eslint-disable no-use-before-define*/

var common              = __nccwpck_require__(3973);
var YAMLException       = __nccwpck_require__(7627);
var DEFAULT_FULL_SCHEMA = __nccwpck_require__(1285);
var DEFAULT_SAFE_SCHEMA = __nccwpck_require__(8693);

var _toString       = Object.prototype.toString;
var _hasOwnProperty = Object.prototype.hasOwnProperty;

var CHAR_TAB                  = 0x09; /* Tab */
var CHAR_LINE_FEED            = 0x0A; /* LF */
var CHAR_CARRIAGE_RETURN      = 0x0D; /* CR */
var CHAR_SPACE                = 0x20; /* Space */
var CHAR_EXCLAMATION          = 0x21; /* ! */
var CHAR_DOUBLE_QUOTE         = 0x22; /* " */
var CHAR_SHARP                = 0x23; /* # */
var CHAR_PERCENT              = 0x25; /* % */
var CHAR_AMPERSAND            = 0x26; /* & */
var CHAR_SINGLE_QUOTE         = 0x27; /* ' */
var CHAR_ASTERISK             = 0x2A; /* * */
var CHAR_COMMA                = 0x2C; /* , */
var CHAR_MINUS                = 0x2D; /* - */
var CHAR_COLON                = 0x3A; /* : */
var CHAR_EQUALS               = 0x3D; /* = */
var CHAR_GREATER_THAN         = 0x3E; /* > */
var CHAR_QUESTION             = 0x3F; /* ? */
var CHAR_COMMERCIAL_AT        = 0x40; /* @ */
var CHAR_LEFT_SQUARE_BRACKET  = 0x5B; /* [ */
var CHAR_RIGHT_SQUARE_BRACKET = 0x5D; /* ] */
var CHAR_GRAVE_ACCENT         = 0x60; /* ` */
var CHAR_LEFT_CURLY_BRACKET   = 0x7B; /* { */
var CHAR_VERTICAL_LINE        = 0x7C; /* | */
var CHAR_RIGHT_CURLY_BRACKET  = 0x7D; /* } */

var ESCAPE_SEQUENCES = {};

ESCAPE_SEQUENCES[0x00]   = '\\0';
ESCAPE_SEQUENCES[0x07]   = '\\a';
ESCAPE_SEQUENCES[0x08]   = '\\b';
ESCAPE_SEQUENCES[0x09]   = '\\t';
ESCAPE_SEQUENCES[0x0A]   = '\\n';
ESCAPE_SEQUENCES[0x0B]   = '\\v';
ESCAPE_SEQUENCES[0x0C]   = '\\f';
ESCAPE_SEQUENCES[0x0D]   = '\\r';
ESCAPE_SEQUENCES[0x1B]   = '\\e';
ESCAPE_SEQUENCES[0x22]   = '\\"';
ESCAPE_SEQUENCES[0x5C]   = '\\\\';
ESCAPE_SEQUENCES[0x85]   = '\\N';
ESCAPE_SEQUENCES[0xA0]   = '\\_';
ESCAPE_SEQUENCES[0x2028] = '\\L';
ESCAPE_SEQUENCES[0x2029] = '\\P';

var DEPRECATED_BOOLEANS_SYNTAX = [
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'
];

function compileStyleMap(schema, map) {
  var result, keys, index, length, tag, style, type;

  if (map === null) return {};

  result = {};
  keys = Object.keys(map);

  for (index = 0, length = keys.length; index < length; index += 1) {
    tag = keys[index];
    style = String(map[tag]);

    if (tag.slice(0, 2) === '!!') {
      tag = 'tag:yaml.org,2002:' + tag.slice(2);
    }
    type = schema.compiledTypeMap['fallback'][tag];

    if (type && _hasOwnProperty.call(type.styleAliases, style)) {
      style = type.styleAliases[style];
    }

    result[tag] = style;
  }

  return result;
}

function encodeHex(character) {
  var string, handle, length;

  string = character.toString(16).toUpperCase();

  if (character <= 0xFF) {
    handle = 'x';
    length = 2;
  } else if (character <= 0xFFFF) {
    handle = 'u';
    length = 4;
  } else if (character <= 0xFFFFFFFF) {
    handle = 'U';
    length = 8;
  } else {
    throw new YAMLException('code point within a string may not be greater than 0xFFFFFFFF');
  }

  return '\\' + handle + common.repeat('0', length - string.length) + string;
}

function State(options) {
  this.schema        = options['schema'] || DEFAULT_FULL_SCHEMA;
  this.indent        = Math.max(1, (options['indent'] || 2));
  this.noArrayIndent = options['noArrayIndent'] || false;
  this.skipInvalid   = options['skipInvalid'] || false;
  this.flowLevel     = (common.isNothing(options['flowLevel']) ? -1 : options['flowLevel']);
  this.styleMap      = compileStyleMap(this.schema, options['styles'] || null);
  this.sortKeys      = options['sortKeys'] || false;
  this.lineWidth     = options['lineWidth'] || 80;
  this.noRefs        = options['noRefs'] || false;
  this.noCompatMode  = options['noCompatMode'] || false;
  this.condenseFlow  = options['condenseFlow'] || false;

  this.implicitTypes = this.schema.compiledImplicit;
  this.explicitTypes = this.schema.compiledExplicit;

  this.tag = null;
  this.result = '';

  this.duplicates = [];
  this.usedDuplicates = null;
}

// Indents every line in a string. Empty lines (\n only) are not indented.
function indentString(string, spaces) {
  var ind = common.repeat(' ', spaces),
      position = 0,
      next = -1,
      result = '',
      line,
      length = string.length;

  while (position < length) {
    next = string.indexOf('\n', position);
    if (next === -1) {
      line = string.slice(position);
      position = length;
    } else {
      line = string.slice(position, next + 1);
      position = next + 1;
    }

    if (line.length && line !== '\n') result += ind;

    result += line;
  }

  return result;
}

function generateNextLine(state, level) {
  return '\n' + common.repeat(' ', state.indent * level);
}

function testImplicitResolving(state, str) {
  var index, length, type;

  for (index = 0, length = state.implicitTypes.length; index < length; index += 1) {
    type = state.implicitTypes[index];

    if (type.resolve(str)) {
      return true;
    }
  }

  return false;
}

// [33] s-white ::= s-space | s-tab
function isWhitespace(c) {
  return c === CHAR_SPACE || c === CHAR_TAB;
}

// Returns true if the character can be printed without escaping.
// From YAML 1.2: "any allowed characters known to be non-printable
// should also be escaped. [However,] This isn’t mandatory"
// Derived from nb-char - \t - #x85 - #xA0 - #x2028 - #x2029.
function isPrintable(c) {
  return  (0x00020 <= c && c <= 0x00007E)
      || ((0x000A1 <= c && c <= 0x00D7FF) && c !== 0x2028 && c !== 0x2029)
      || ((0x0E000 <= c && c <= 0x00FFFD) && c !== 0xFEFF /* BOM */)
      ||  (0x10000 <= c && c <= 0x10FFFF);
}

// [34] ns-char ::= nb-char - s-white
// [27] nb-char ::= c-printable - b-char - c-byte-order-mark
// [26] b-char  ::= b-line-feed | b-carriage-return
// [24] b-line-feed       ::=     #xA    /* LF */
// [25] b-carriage-return ::=     #xD    /* CR */
// [3]  c-byte-order-mark ::=     #xFEFF
function isNsChar(c) {
  return isPrintable(c) && !isWhitespace(c)
    // byte-order-mark
    && c !== 0xFEFF
    // b-char
    && c !== CHAR_CARRIAGE_RETURN
    && c !== CHAR_LINE_FEED;
}

// Simplified test for values allowed after the first character in plain style.
function isPlainSafe(c, prev) {
  // Uses a subset of nb-char - c-flow-indicator - ":" - "#"
  // where nb-char ::= c-printable - b-char - c-byte-order-mark.
  return isPrintable(c) && c !== 0xFEFF
    // - c-flow-indicator
    && c !== CHAR_COMMA
    && c !== CHAR_LEFT_SQUARE_BRACKET
    && c !== CHAR_RIGHT_SQUARE_BRACKET
    && c !== CHAR_LEFT_CURLY_BRACKET
    && c !== CHAR_RIGHT_CURLY_BRACKET
    // - ":" - "#"
    // /* An ns-char preceding */ "#"
    && c !== CHAR_COLON
    && ((c !== CHAR_SHARP) || (prev && isNsChar(prev)));
}

// Simplified test for values allowed as the first character in plain style.
function isPlainSafeFirst(c) {
  // Uses a subset of ns-char - c-indicator
  // where ns-char = nb-char - s-white.
  return isPrintable(c) && c !== 0xFEFF
    && !isWhitespace(c) // - s-white
    // - (c-indicator ::=
    // “-” | “?” | “:” | “,” | “[” | “]” | “{” | “}”
    && c !== CHAR_MINUS
    && c !== CHAR_QUESTION
    && c !== CHAR_COLON
    && c !== CHAR_COMMA
    && c !== CHAR_LEFT_SQUARE_BRACKET
    && c !== CHAR_RIGHT_SQUARE_BRACKET
    && c !== CHAR_LEFT_CURLY_BRACKET
    && c !== CHAR_RIGHT_CURLY_BRACKET
    // | “#” | “&” | “*” | “!” | “|” | “=” | “>” | “'” | “"”
    && c !== CHAR_SHARP
    && c !== CHAR_AMPERSAND
    && c !== CHAR_ASTERISK
    && c !== CHAR_EXCLAMATION
    && c !== CHAR_VERTICAL_LINE
    && c !== CHAR_EQUALS
    && c !== CHAR_GREATER_THAN
    && c !== CHAR_SINGLE_QUOTE
    && c !== CHAR_DOUBLE_QUOTE
    // | “%” | “@” | “`”)
    && c !== CHAR_PERCENT
    && c !== CHAR_COMMERCIAL_AT
    && c !== CHAR_GRAVE_ACCENT;
}

// Determines whether block indentation indicator is required.
function needIndentIndicator(string) {
  var leadingSpaceRe = /^\n* /;
  return leadingSpaceRe.test(string);
}

var STYLE_PLAIN   = 1,
    STYLE_SINGLE  = 2,
    STYLE_LITERAL = 3,
    STYLE_FOLDED  = 4,
    STYLE_DOUBLE  = 5;

// Determines which scalar styles are possible and returns the preferred style.
// lineWidth = -1 => no limit.
// Pre-conditions: str.length > 0.
// Post-conditions:
//    STYLE_PLAIN or STYLE_SINGLE => no \n are in the string.
//    STYLE_LITERAL => no lines are suitable for folding (or lineWidth is -1).
//    STYLE_FOLDED => a line > lineWidth and can be folded (and lineWidth != -1).
function chooseScalarStyle(string, singleLineOnly, indentPerLevel, lineWidth, testAmbiguousType) {
  var i;
  var char, prev_char;
  var hasLineBreak = false;
  var hasFoldableLine = false; // only checked if shouldTrackWidth
  var shouldTrackWidth = lineWidth !== -1;
  var previousLineBreak = -1; // count the first line correctly
  var plain = isPlainSafeFirst(string.charCodeAt(0))
          && !isWhitespace(string.charCodeAt(string.length - 1));

  if (singleLineOnly) {
    // Case: no block styles.
    // Check for disallowed characters to rule out plain and single.
    for (i = 0; i < string.length; i++) {
      char = string.charCodeAt(i);
      if (!isPrintable(char)) {
        return STYLE_DOUBLE;
      }
      prev_char = i > 0 ? string.charCodeAt(i - 1) : null;
      plain = plain && isPlainSafe(char, prev_char);
    }
  } else {
    // Case: block styles permitted.
    for (i = 0; i < string.length; i++) {
      char = string.charCodeAt(i);
      if (char === CHAR_LINE_FEED) {
        hasLineBreak = true;
        // Check if any line can be folded.
        if (shouldTrackWidth) {
          hasFoldableLine = hasFoldableLine ||
            // Foldable line = too long, and not more-indented.
            (i - previousLineBreak - 1 > lineWidth &&
             string[previousLineBreak + 1] !== ' ');
          previousLineBreak = i;
        }
      } else if (!isPrintable(char)) {
        return STYLE_DOUBLE;
      }
      prev_char = i > 0 ? string.charCodeAt(i - 1) : null;
      plain = plain && isPlainSafe(char, prev_char);
    }
    // in case the end is missing a \n
    hasFoldableLine = hasFoldableLine || (shouldTrackWidth &&
      (i - previousLineBreak - 1 > lineWidth &&
       string[previousLineBreak + 1] !== ' '));
  }
  // Although every style can represent \n without escaping, prefer block styles
  // for multiline, since they're more readable and they don't add empty lines.
  // Also prefer folding a super-long line.
  if (!hasLineBreak && !hasFoldableLine) {
    // Strings interpretable as another type have to be quoted;
    // e.g. the string 'true' vs. the boolean true.
    return plain && !testAmbiguousType(string)
      ? STYLE_PLAIN : STYLE_SINGLE;
  }
  // Edge case: block indentation indicator can only have one digit.
  if (indentPerLevel > 9 && needIndentIndicator(string)) {
    return STYLE_DOUBLE;
  }
  // At this point we know block styles are valid.
  // Prefer literal style unless we want to fold.
  return hasFoldableLine ? STYLE_FOLDED : STYLE_LITERAL;
}

// Note: line breaking/folding is implemented for only the folded style.
// NB. We drop the last trailing newline (if any) of a returned block scalar
//  since the dumper adds its own newline. This always works:
//    • No ending newline => unaffected; already using strip "-" chomping.
//    • Ending newline    => removed then restored.
//  Importantly, this keeps the "+" chomp indicator from gaining an extra line.
function writeScalar(state, string, level, iskey) {
  state.dump = (function () {
    if (string.length === 0) {
      return "''";
    }
    if (!state.noCompatMode &&
        DEPRECATED_BOOLEANS_SYNTAX.indexOf(string) !== -1) {
      return "'" + string + "'";
    }

    var indent = state.indent * Math.max(1, level); // no 0-indent scalars
    // As indentation gets deeper, let the width decrease monotonically
    // to the lower bound min(state.lineWidth, 40).
    // Note that this implies
    //  state.lineWidth ≤ 40 + state.indent: width is fixed at the lower bound.
    //  state.lineWidth > 40 + state.indent: width decreases until the lower bound.
    // This behaves better than a constant minimum width which disallows narrower options,
    // or an indent threshold which causes the width to suddenly increase.
    var lineWidth = state.lineWidth === -1
      ? -1 : Math.max(Math.min(state.lineWidth, 40), state.lineWidth - indent);

    // Without knowing if keys are implicit/explicit, assume implicit for safety.
    var singleLineOnly = iskey
      // No block styles in flow mode.
      || (state.flowLevel > -1 && level >= state.flowLevel);
    function testAmbiguity(string) {
      return testImplicitResolving(state, string);
    }

    switch (chooseScalarStyle(string, singleLineOnly, state.indent, lineWidth, testAmbiguity)) {
      case STYLE_PLAIN:
        return string;
      case STYLE_SINGLE:
        return "'" + string.replace(/'/g, "''") + "'";
      case STYLE_LITERAL:
        return '|' + blockHeader(string, state.indent)
          + dropEndingNewline(indentString(string, indent));
      case STYLE_FOLDED:
        return '>' + blockHeader(string, state.indent)
          + dropEndingNewline(indentString(foldString(string, lineWidth), indent));
      case STYLE_DOUBLE:
        return '"' + escapeString(string, lineWidth) + '"';
      default:
        throw new YAMLException('impossible error: invalid scalar style');
    }
  }());
}

// Pre-conditions: string is valid for a block scalar, 1 <= indentPerLevel <= 9.
function blockHeader(string, indentPerLevel) {
  var indentIndicator = needIndentIndicator(string) ? String(indentPerLevel) : '';

  // note the special case: the string '\n' counts as a "trailing" empty line.
  var clip =          string[string.length - 1] === '\n';
  var keep = clip && (string[string.length - 2] === '\n' || string === '\n');
  var chomp = keep ? '+' : (clip ? '' : '-');

  return indentIndicator + chomp + '\n';
}

// (See the note for writeScalar.)
function dropEndingNewline(string) {
  return string[string.length - 1] === '\n' ? string.slice(0, -1) : string;
}

// Note: a long line without a suitable break point will exceed the width limit.
// Pre-conditions: every char in str isPrintable, str.length > 0, width > 0.
function foldString(string, width) {
  // In folded style, $k$ consecutive newlines output as $k+1$ newlines—
  // unless they're before or after a more-indented line, or at the very
  // beginning or end, in which case $k$ maps to $k$.
  // Therefore, parse each chunk as newline(s) followed by a content line.
  var lineRe = /(\n+)([^\n]*)/g;

  // first line (possibly an empty line)
  var result = (function () {
    var nextLF = string.indexOf('\n');
    nextLF = nextLF !== -1 ? nextLF : string.length;
    lineRe.lastIndex = nextLF;
    return foldLine(string.slice(0, nextLF), width);
  }());
  // If we haven't reached the first content line yet, don't add an extra \n.
  var prevMoreIndented = string[0] === '\n' || string[0] === ' ';
  var moreIndented;

  // rest of the lines
  var match;
  while ((match = lineRe.exec(string))) {
    var prefix = match[1], line = match[2];
    moreIndented = (line[0] === ' ');
    result += prefix
      + (!prevMoreIndented && !moreIndented && line !== ''
        ? '\n' : '')
      + foldLine(line, width);
    prevMoreIndented = moreIndented;
  }

  return result;
}

// Greedy line breaking.
// Picks the longest line under the limit each time,
// otherwise settles for the shortest line over the limit.
// NB. More-indented lines *cannot* be folded, as that would add an extra \n.
function foldLine(line, width) {
  if (line === '' || line[0] === ' ') return line;

  // Since a more-indented line adds a \n, breaks can't be followed by a space.
  var breakRe = / [^ ]/g; // note: the match index will always be <= length-2.
  var match;
  // start is an inclusive index. end, curr, and next are exclusive.
  var start = 0, end, curr = 0, next = 0;
  var result = '';

  // Invariants: 0 <= start <= length-1.
  //   0 <= curr <= next <= max(0, length-2). curr - start <= width.
  // Inside the loop:
  //   A match implies length >= 2, so curr and next are <= length-2.
  while ((match = breakRe.exec(line))) {
    next = match.index;
    // maintain invariant: curr - start <= width
    if (next - start > width) {
      end = (curr > start) ? curr : next; // derive end <= length-2
      result += '\n' + line.slice(start, end);
      // skip the space that was output as \n
      start = end + 1;                    // derive start <= length-1
    }
    curr = next;
  }

  // By the invariants, start <= length-1, so there is something left over.
  // It is either the whole string or a part starting from non-whitespace.
  result += '\n';
  // Insert a break if the remainder is too long and there is a break available.
  if (line.length - start > width && curr > start) {
    result += line.slice(start, curr) + '\n' + line.slice(curr + 1);
  } else {
    result += line.slice(start);
  }

  return result.slice(1); // drop extra \n joiner
}

// Escapes a double-quoted string.
function escapeString(string) {
  var result = '';
  var char, nextChar;
  var escapeSeq;

  for (var i = 0; i < string.length; i++) {
    char = string.charCodeAt(i);
    // Check for surrogate pairs (reference Unicode 3.0 section "3.7 Surrogates").
    if (char >= 0xD800 && char <= 0xDBFF/* high surrogate */) {
      nextChar = string.charCodeAt(i + 1);
      if (nextChar >= 0xDC00 && nextChar <= 0xDFFF/* low surrogate */) {
        // Combine the surrogate pair and store it escaped.
        result += encodeHex((char - 0xD800) * 0x400 + nextChar - 0xDC00 + 0x10000);
        // Advance index one extra since we already used that char here.
        i++; continue;
      }
    }
    escapeSeq = ESCAPE_SEQUENCES[char];
    result += !escapeSeq && isPrintable(char)
      ? string[i]
      : escapeSeq || encodeHex(char);
  }

  return result;
}

function writeFlowSequence(state, level, object) {
  var _result = '',
      _tag    = state.tag,
      index,
      length;

  for (index = 0, length = object.length; index < length; index += 1) {
    // Write only valid elements.
    if (writeNode(state, level, object[index], false, false)) {
      if (index !== 0) _result += ',' + (!state.condenseFlow ? ' ' : '');
      _result += state.dump;
    }
  }

  state.tag = _tag;
  state.dump = '[' + _result + ']';
}

function writeBlockSequence(state, level, object, compact) {
  var _result = '',
      _tag    = state.tag,
      index,
      length;

  for (index = 0, length = object.length; index < length; index += 1) {
    // Write only valid elements.
    if (writeNode(state, level + 1, object[index], true, true)) {
      if (!compact || index !== 0) {
        _result += generateNextLine(state, level);
      }

      if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
        _result += '-';
      } else {
        _result += '- ';
      }

      _result += state.dump;
    }
  }

  state.tag = _tag;
  state.dump = _result || '[]'; // Empty sequence if no valid values.
}

function writeFlowMapping(state, level, object) {
  var _result       = '',
      _tag          = state.tag,
      objectKeyList = Object.keys(object),
      index,
      length,
      objectKey,
      objectValue,
      pairBuffer;

  for (index = 0, length = objectKeyList.length; index < length; index += 1) {

    pairBuffer = '';
    if (index !== 0) pairBuffer += ', ';

    if (state.condenseFlow) pairBuffer += '"';

    objectKey = objectKeyList[index];
    objectValue = object[objectKey];

    if (!writeNode(state, level, objectKey, false, false)) {
      continue; // Skip this pair because of invalid key;
    }

    if (state.dump.length > 1024) pairBuffer += '? ';

    pairBuffer += state.dump + (state.condenseFlow ? '"' : '') + ':' + (state.condenseFlow ? '' : ' ');

    if (!writeNode(state, level, objectValue, false, false)) {
      continue; // Skip this pair because of invalid value.
    }

    pairBuffer += state.dump;

    // Both key and value are valid.
    _result += pairBuffer;
  }

  state.tag = _tag;
  state.dump = '{' + _result + '}';
}

function writeBlockMapping(state, level, object, compact) {
  var _result       = '',
      _tag          = state.tag,
      objectKeyList = Object.keys(object),
      index,
      length,
      objectKey,
      objectValue,
      explicitPair,
      pairBuffer;

  // Allow sorting keys so that the output file is deterministic
  if (state.sortKeys === true) {
    // Default sorting
    objectKeyList.sort();
  } else if (typeof state.sortKeys === 'function') {
    // Custom sort function
    objectKeyList.sort(state.sortKeys);
  } else if (state.sortKeys) {
    // Something is wrong
    throw new YAMLException('sortKeys must be a boolean or a function');
  }

  for (index = 0, length = objectKeyList.length; index < length; index += 1) {
    pairBuffer = '';

    if (!compact || index !== 0) {
      pairBuffer += generateNextLine(state, level);
    }

    objectKey = objectKeyList[index];
    objectValue = object[objectKey];

    if (!writeNode(state, level + 1, objectKey, true, true, true)) {
      continue; // Skip this pair because of invalid key.
    }

    explicitPair = (state.tag !== null && state.tag !== '?') ||
                   (state.dump && state.dump.length > 1024);

    if (explicitPair) {
      if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
        pairBuffer += '?';
      } else {
        pairBuffer += '? ';
      }
    }

    pairBuffer += state.dump;

    if (explicitPair) {
      pairBuffer += generateNextLine(state, level);
    }

    if (!writeNode(state, level + 1, objectValue, true, explicitPair)) {
      continue; // Skip this pair because of invalid value.
    }

    if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
      pairBuffer += ':';
    } else {
      pairBuffer += ': ';
    }

    pairBuffer += state.dump;

    // Both key and value are valid.
    _result += pairBuffer;
  }

  state.tag = _tag;
  state.dump = _result || '{}'; // Empty mapping if no valid pairs.
}

function detectType(state, object, explicit) {
  var _result, typeList, index, length, type, style;

  typeList = explicit ? state.explicitTypes : state.implicitTypes;

  for (index = 0, length = typeList.length; index < length; index += 1) {
    type = typeList[index];

    if ((type.instanceOf  || type.predicate) &&
        (!type.instanceOf || ((typeof object === 'object') && (object instanceof type.instanceOf))) &&
        (!type.predicate  || type.predicate(object))) {

      state.tag = explicit ? type.tag : '?';

      if (type.represent) {
        style = state.styleMap[type.tag] || type.defaultStyle;

        if (_toString.call(type.represent) === '[object Function]') {
          _result = type.represent(object, style);
        } else if (_hasOwnProperty.call(type.represent, style)) {
          _result = type.represent[style](object, style);
        } else {
          throw new YAMLException('!<' + type.tag + '> tag resolver accepts not "' + style + '" style');
        }

        state.dump = _result;
      }

      return true;
    }
  }

  return false;
}

// Serializes `object` and writes it to global `result`.
// Returns true on success, or false on invalid object.
//
function writeNode(state, level, object, block, compact, iskey) {
  state.tag = null;
  state.dump = object;

  if (!detectType(state, object, false)) {
    detectType(state, object, true);
  }

  var type = _toString.call(state.dump);

  if (block) {
    block = (state.flowLevel < 0 || state.flowLevel > level);
  }

  var objectOrArray = type === '[object Object]' || type === '[object Array]',
      duplicateIndex,
      duplicate;

  if (objectOrArray) {
    duplicateIndex = state.duplicates.indexOf(object);
    duplicate = duplicateIndex !== -1;
  }

  if ((state.tag !== null && state.tag !== '?') || duplicate || (state.indent !== 2 && level > 0)) {
    compact = false;
  }

  if (duplicate && state.usedDuplicates[duplicateIndex]) {
    state.dump = '*ref_' + duplicateIndex;
  } else {
    if (objectOrArray && duplicate && !state.usedDuplicates[duplicateIndex]) {
      state.usedDuplicates[duplicateIndex] = true;
    }
    if (type === '[object Object]') {
      if (block && (Object.keys(state.dump).length !== 0)) {
        writeBlockMapping(state, level, state.dump, compact);
        if (duplicate) {
          state.dump = '&ref_' + duplicateIndex + state.dump;
        }
      } else {
        writeFlowMapping(state, level, state.dump);
        if (duplicate) {
          state.dump = '&ref_' + duplicateIndex + ' ' + state.dump;
        }
      }
    } else if (type === '[object Array]') {
      var arrayLevel = (state.noArrayIndent && (level > 0)) ? level - 1 : level;
      if (block && (state.dump.length !== 0)) {
        writeBlockSequence(state, arrayLevel, state.dump, compact);
        if (duplicate) {
          state.dump = '&ref_' + duplicateIndex + state.dump;
        }
      } else {
        writeFlowSequence(state, arrayLevel, state.dump);
        if (duplicate) {
          state.dump = '&ref_' + duplicateIndex + ' ' + state.dump;
        }
      }
    } else if (type === '[object String]') {
      if (state.tag !== '?') {
        writeScalar(state, state.dump, level, iskey);
      }
    } else {
      if (state.skipInvalid) return false;
      throw new YAMLException('unacceptable kind of an object to dump ' + type);
    }

    if (state.tag !== null && state.tag !== '?') {
      state.dump = '!<' + state.tag + '> ' + state.dump;
    }
  }

  return true;
}

function getDuplicateReferences(object, state) {
  var objects = [],
      duplicatesIndexes = [],
      index,
      length;

  inspectNode(object, objects, duplicatesIndexes);

  for (index = 0, length = duplicatesIndexes.length; index < length; index += 1) {
    state.duplicates.push(objects[duplicatesIndexes[index]]);
  }
  state.usedDuplicates = new Array(length);
}

function inspectNode(object, objects, duplicatesIndexes) {
  var objectKeyList,
      index,
      length;

  if (object !== null && typeof object === 'object') {
    index = objects.indexOf(object);
    if (index !== -1) {
      if (duplicatesIndexes.indexOf(index) === -1) {
        duplicatesIndexes.push(index);
      }
    } else {
      objects.push(object);

      if (Array.isArray(object)) {
        for (index = 0, length = object.length; index < length; index += 1) {
          inspectNode(object[index], objects, duplicatesIndexes);
        }
      } else {
        objectKeyList = Object.keys(object);

        for (index = 0, length = objectKeyList.length; index < length; index += 1) {
          inspectNode(object[objectKeyList[index]], objects, duplicatesIndexes);
        }
      }
    }
  }
}

function dump(input, options) {
  options = options || {};

  var state = new State(options);

  if (!state.noRefs) getDuplicateReferences(input, state);

  if (writeNode(state, 0, input, true, true)) return state.dump + '\n';

  return '';
}

function safeDump(input, options) {
  return dump(input, common.extend({ schema: DEFAULT_SAFE_SCHEMA }, options));
}

module.exports.dump     = dump;
module.exports.safeDump = safeDump;


/***/ }),

/***/ 7627:
/***/ ((module) => {

// YAML error class. http://stackoverflow.com/questions/8458984
//


function YAMLException(reason, mark) {
  // Super constructor
  Error.call(this);

  this.name = 'YAMLException';
  this.reason = reason;
  this.mark = mark;
  this.message = (this.reason || '(unknown reason)') + (this.mark ? ' ' + this.mark.toString() : '');

  // Include stack trace in error object
  if (Error.captureStackTrace) {
    // Chrome and NodeJS
    Error.captureStackTrace(this, this.constructor);
  } else {
    // FF, IE 10+ and Safari 6+. Fallback for others
    this.stack = (new Error()).stack || '';
  }
}


// Inherit from Error
YAMLException.prototype = Object.create(Error.prototype);
YAMLException.prototype.constructor = YAMLException;


YAMLException.prototype.toString = function toString(compact) {
  var result = this.name + ': ';

  result += this.reason || '(unknown reason)';

  if (!compact && this.mark) {
    result += ' ' + this.mark.toString();
  }

  return result;
};


module.exports = YAMLException;


/***/ }),

/***/ 9559:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



/*eslint-disable max-len,no-use-before-define*/

var common              = __nccwpck_require__(3973);
var YAMLException       = __nccwpck_require__(7627);
var Mark                = __nccwpck_require__(1233);
var DEFAULT_SAFE_SCHEMA = __nccwpck_require__(8693);
var DEFAULT_FULL_SCHEMA = __nccwpck_require__(1285);


var _hasOwnProperty = Object.prototype.hasOwnProperty;


var CONTEXT_FLOW_IN   = 1;
var CONTEXT_FLOW_OUT  = 2;
var CONTEXT_BLOCK_IN  = 3;
var CONTEXT_BLOCK_OUT = 4;


var CHOMPING_CLIP  = 1;
var CHOMPING_STRIP = 2;
var CHOMPING_KEEP  = 3;


var PATTERN_NON_PRINTABLE         = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_NON_ASCII_LINE_BREAKS = /[\x85\u2028\u2029]/;
var PATTERN_FLOW_INDICATORS       = /[,\[\]\{\}]/;
var PATTERN_TAG_HANDLE            = /^(?:!|!!|![a-z\-]+!)$/i;
var PATTERN_TAG_URI               = /^(?:!|[^,\[\]\{\}])(?:%[0-9a-f]{2}|[0-9a-z\-#;\/\?:@&=\+\$,_\.!~\*'\(\)\[\]])*$/i;


function _class(obj) { return Object.prototype.toString.call(obj); }

function is_EOL(c) {
  return (c === 0x0A/* LF */) || (c === 0x0D/* CR */);
}

function is_WHITE_SPACE(c) {
  return (c === 0x09/* Tab */) || (c === 0x20/* Space */);
}

function is_WS_OR_EOL(c) {
  return (c === 0x09/* Tab */) ||
         (c === 0x20/* Space */) ||
         (c === 0x0A/* LF */) ||
         (c === 0x0D/* CR */);
}

function is_FLOW_INDICATOR(c) {
  return c === 0x2C/* , */ ||
         c === 0x5B/* [ */ ||
         c === 0x5D/* ] */ ||
         c === 0x7B/* { */ ||
         c === 0x7D/* } */;
}

function fromHexCode(c) {
  var lc;

  if ((0x30/* 0 */ <= c) && (c <= 0x39/* 9 */)) {
    return c - 0x30;
  }

  /*eslint-disable no-bitwise*/
  lc = c | 0x20;

  if ((0x61/* a */ <= lc) && (lc <= 0x66/* f */)) {
    return lc - 0x61 + 10;
  }

  return -1;
}

function escapedHexLen(c) {
  if (c === 0x78/* x */) { return 2; }
  if (c === 0x75/* u */) { return 4; }
  if (c === 0x55/* U */) { return 8; }
  return 0;
}

function fromDecimalCode(c) {
  if ((0x30/* 0 */ <= c) && (c <= 0x39/* 9 */)) {
    return c - 0x30;
  }

  return -1;
}

function simpleEscapeSequence(c) {
  /* eslint-disable indent */
  return (c === 0x30/* 0 */) ? '\x00' :
        (c === 0x61/* a */) ? '\x07' :
        (c === 0x62/* b */) ? '\x08' :
        (c === 0x74/* t */) ? '\x09' :
        (c === 0x09/* Tab */) ? '\x09' :
        (c === 0x6E/* n */) ? '\x0A' :
        (c === 0x76/* v */) ? '\x0B' :
        (c === 0x66/* f */) ? '\x0C' :
        (c === 0x72/* r */) ? '\x0D' :
        (c === 0x65/* e */) ? '\x1B' :
        (c === 0x20/* Space */) ? ' ' :
        (c === 0x22/* " */) ? '\x22' :
        (c === 0x2F/* / */) ? '/' :
        (c === 0x5C/* \ */) ? '\x5C' :
        (c === 0x4E/* N */) ? '\x85' :
        (c === 0x5F/* _ */) ? '\xA0' :
        (c === 0x4C/* L */) ? '\u2028' :
        (c === 0x50/* P */) ? '\u2029' : '';
}

function charFromCodepoint(c) {
  if (c <= 0xFFFF) {
    return String.fromCharCode(c);
  }
  // Encode UTF-16 surrogate pair
  // https://en.wikipedia.org/wiki/UTF-16#Code_points_U.2B010000_to_U.2B10FFFF
  return String.fromCharCode(
    ((c - 0x010000) >> 10) + 0xD800,
    ((c - 0x010000) & 0x03FF) + 0xDC00
  );
}

// set a property of a literal object, while protecting against prototype pollution,
// see https://github.com/nodeca/js-yaml/issues/164 for more details
function setProperty(object, key, value) {
  // used for this specific key only because Object.defineProperty is slow
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      configurable: true,
      enumerable: true,
      writable: true,
      value: value
    });
  } else {
    object[key] = value;
  }
}

var simpleEscapeCheck = new Array(256); // integer, for fast access
var simpleEscapeMap = new Array(256);
for (var i = 0; i < 256; i++) {
  simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
  simpleEscapeMap[i] = simpleEscapeSequence(i);
}


function State(input, options) {
  this.input = input;

  this.filename  = options['filename']  || null;
  this.schema    = options['schema']    || DEFAULT_FULL_SCHEMA;
  this.onWarning = options['onWarning'] || null;
  this.legacy    = options['legacy']    || false;
  this.json      = options['json']      || false;
  this.listener  = options['listener']  || null;
  this.maxTotalMergeKeys = typeof options['maxTotalMergeKeys'] === 'number' ? options['maxTotalMergeKeys'] : 10000;

  this.implicitTypes = this.schema.compiledImplicit;
  this.typeMap       = this.schema.compiledTypeMap;

  this.length     = input.length;
  this.position   = 0;
  this.line       = 0;
  this.lineStart  = 0;
  this.lineIndent = 0;
  this.totalMergeKeys = 0;

  this.documents = [];

  /*
  this.version;
  this.checkLineBreaks;
  this.tagMap;
  this.anchorMap;
  this.tag;
  this.anchor;
  this.kind;
  this.result;*/

}


function generateError(state, message) {
  return new YAMLException(
    message,
    new Mark(state.filename, state.input, state.position, state.line, (state.position - state.lineStart)));
}

function throwError(state, message) {
  throw generateError(state, message);
}

function throwWarning(state, message) {
  if (state.onWarning) {
    state.onWarning.call(null, generateError(state, message));
  }
}


var directiveHandlers = {

  YAML: function handleYamlDirective(state, name, args) {

    var match, major, minor;

    if (state.version !== null) {
      throwError(state, 'duplication of %YAML directive');
    }

    if (args.length !== 1) {
      throwError(state, 'YAML directive accepts exactly one argument');
    }

    match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);

    if (match === null) {
      throwError(state, 'ill-formed argument of the YAML directive');
    }

    major = parseInt(match[1], 10);
    minor = parseInt(match[2], 10);

    if (major !== 1) {
      throwError(state, 'unacceptable YAML version of the document');
    }

    state.version = args[0];
    state.checkLineBreaks = (minor < 2);

    if (minor !== 1 && minor !== 2) {
      throwWarning(state, 'unsupported YAML version of the document');
    }
  },

  TAG: function handleTagDirective(state, name, args) {

    var handle, prefix;

    if (args.length !== 2) {
      throwError(state, 'TAG directive accepts exactly two arguments');
    }

    handle = args[0];
    prefix = args[1];

    if (!PATTERN_TAG_HANDLE.test(handle)) {
      throwError(state, 'ill-formed tag handle (first argument) of the TAG directive');
    }

    if (_hasOwnProperty.call(state.tagMap, handle)) {
      throwError(state, 'there is a previously declared suffix for "' + handle + '" tag handle');
    }

    if (!PATTERN_TAG_URI.test(prefix)) {
      throwError(state, 'ill-formed tag prefix (second argument) of the TAG directive');
    }

    state.tagMap[handle] = prefix;
  }
};


function captureSegment(state, start, end, checkJson) {
  var _position, _length, _character, _result;

  if (start < end) {
    _result = state.input.slice(start, end);

    if (checkJson) {
      for (_position = 0, _length = _result.length; _position < _length; _position += 1) {
        _character = _result.charCodeAt(_position);
        if (!(_character === 0x09 ||
              (0x20 <= _character && _character <= 0x10FFFF))) {
          throwError(state, 'expected valid JSON character');
        }
      }
    } else if (PATTERN_NON_PRINTABLE.test(_result)) {
      throwError(state, 'the stream contains non-printable characters');
    }

    state.result += _result;
  }
}

function chargeMergeWork(state) {
  state.totalMergeKeys += 1;

  if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) {
    throwError(state, 'merge keys exceeded maxTotalMergeKeys (' + state.maxTotalMergeKeys + ')');
  }
}

function mergeMappings(state, destination, source, overridableKeys) {
  var sourceKeys, key, index, quantity;

  if (!common.isObject(source)) {
    throwError(state, 'cannot merge mappings; the provided source object is unacceptable');
  }

  // Count the source mapping itself to bound sequences of empty mappings.
  chargeMergeWork(state);

  sourceKeys = Object.keys(source);

  for (index = 0, quantity = sourceKeys.length; index < quantity; index += 1) {
    key = sourceKeys[index];

    chargeMergeWork(state);

    if (!_hasOwnProperty.call(destination, key)) {
      setProperty(destination, key, source[key]);
      overridableKeys[key] = true;
    }
  }
}

function storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, startLine, startPos) {
  var index, quantity;

  // The output is a plain object here, so keys can only be strings.
  // We need to convert keyNode to a string, but doing so can hang the process
  // (deeply nested arrays that explode exponentially using aliases).
  if (Array.isArray(keyNode)) {
    keyNode = Array.prototype.slice.call(keyNode);

    for (index = 0, quantity = keyNode.length; index < quantity; index += 1) {
      if (Array.isArray(keyNode[index])) {
        throwError(state, 'nested arrays are not supported inside keys');
      }

      if (typeof keyNode === 'object' && _class(keyNode[index]) === '[object Object]') {
        keyNode[index] = '[object Object]';
      }
    }
  }

  // Avoid code execution in load() via toString property
  // (still use its own toString for arrays, timestamps,
  // and whatever user schema extensions happen to have @@toStringTag)
  if (typeof keyNode === 'object' && _class(keyNode) === '[object Object]') {
    keyNode = '[object Object]';
  }


  keyNode = String(keyNode);

  if (_result === null) {
    _result = {};
  }

  if (keyTag === 'tag:yaml.org,2002:merge') {
    if (Array.isArray(valueNode)) {
      if (valueNode.length > 100) {
        throwError(state, 'abnormal merge sequence size');
      }

      for (index = 0, quantity = valueNode.length; index < quantity; index += 1) {
        mergeMappings(state, _result, valueNode[index], overridableKeys);
      }
    } else {
      mergeMappings(state, _result, valueNode, overridableKeys);
    }
  } else {
    if (!state.json &&
        !_hasOwnProperty.call(overridableKeys, keyNode) &&
        _hasOwnProperty.call(_result, keyNode)) {
      state.line = startLine || state.line;
      state.position = startPos || state.position;
      throwError(state, 'duplicated mapping key');
    }
    setProperty(_result, keyNode, valueNode);
    delete overridableKeys[keyNode];
  }

  return _result;
}

function readLineBreak(state) {
  var ch;

  ch = state.input.charCodeAt(state.position);

  if (ch === 0x0A/* LF */) {
    state.position++;
  } else if (ch === 0x0D/* CR */) {
    state.position++;
    if (state.input.charCodeAt(state.position) === 0x0A/* LF */) {
      state.position++;
    }
  } else {
    throwError(state, 'a line break is expected');
  }

  state.line += 1;
  state.lineStart = state.position;
}

function skipSeparationSpace(state, allowComments, checkIndent) {
  var lineBreaks = 0,
      ch = state.input.charCodeAt(state.position);

  while (ch !== 0) {
    while (is_WHITE_SPACE(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }

    if (allowComments && ch === 0x23/* # */) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (ch !== 0x0A/* LF */ && ch !== 0x0D/* CR */ && ch !== 0);
    }

    if (is_EOL(ch)) {
      readLineBreak(state);

      ch = state.input.charCodeAt(state.position);
      lineBreaks++;
      state.lineIndent = 0;

      while (ch === 0x20/* Space */) {
        state.lineIndent++;
        ch = state.input.charCodeAt(++state.position);
      }
    } else {
      break;
    }
  }

  if (checkIndent !== -1 && lineBreaks !== 0 && state.lineIndent < checkIndent) {
    throwWarning(state, 'deficient indentation');
  }

  return lineBreaks;
}

function testDocumentSeparator(state) {
  var _position = state.position,
      ch;

  ch = state.input.charCodeAt(_position);

  // Condition state.position === state.lineStart is tested
  // in parent on each call, for efficiency. No needs to test here again.
  if ((ch === 0x2D/* - */ || ch === 0x2E/* . */) &&
      ch === state.input.charCodeAt(_position + 1) &&
      ch === state.input.charCodeAt(_position + 2)) {

    _position += 3;

    ch = state.input.charCodeAt(_position);

    if (ch === 0 || is_WS_OR_EOL(ch)) {
      return true;
    }
  }

  return false;
}

function writeFoldedLines(state, count) {
  if (count === 1) {
    state.result += ' ';
  } else if (count > 1) {
    state.result += common.repeat('\n', count - 1);
  }
}


function readPlainScalar(state, nodeIndent, withinFlowCollection) {
  var preceding,
      following,
      captureStart,
      captureEnd,
      hasPendingContent,
      _line,
      _lineStart,
      _lineIndent,
      _kind = state.kind,
      _result = state.result,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (is_WS_OR_EOL(ch)      ||
      is_FLOW_INDICATOR(ch) ||
      ch === 0x23/* # */    ||
      ch === 0x26/* & */    ||
      ch === 0x2A/* * */    ||
      ch === 0x21/* ! */    ||
      ch === 0x7C/* | */    ||
      ch === 0x3E/* > */    ||
      ch === 0x27/* ' */    ||
      ch === 0x22/* " */    ||
      ch === 0x25/* % */    ||
      ch === 0x40/* @ */    ||
      ch === 0x60/* ` */) {
    return false;
  }

  if (ch === 0x3F/* ? */ || ch === 0x2D/* - */) {
    following = state.input.charCodeAt(state.position + 1);

    if (is_WS_OR_EOL(following) ||
        withinFlowCollection && is_FLOW_INDICATOR(following)) {
      return false;
    }
  }

  state.kind = 'scalar';
  state.result = '';
  captureStart = captureEnd = state.position;
  hasPendingContent = false;

  while (ch !== 0) {
    if (ch === 0x3A/* : */) {
      following = state.input.charCodeAt(state.position + 1);

      if (is_WS_OR_EOL(following) ||
          withinFlowCollection && is_FLOW_INDICATOR(following)) {
        break;
      }

    } else if (ch === 0x23/* # */) {
      preceding = state.input.charCodeAt(state.position - 1);

      if (is_WS_OR_EOL(preceding)) {
        break;
      }

    } else if ((state.position === state.lineStart && testDocumentSeparator(state)) ||
               withinFlowCollection && is_FLOW_INDICATOR(ch)) {
      break;

    } else if (is_EOL(ch)) {
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

    if (!is_WHITE_SPACE(ch)) {
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
  var ch,
      captureStart, captureEnd;

  ch = state.input.charCodeAt(state.position);

  if (ch !== 0x27/* ' */) {
    return false;
  }

  state.kind = 'scalar';
  state.result = '';
  state.position++;
  captureStart = captureEnd = state.position;

  while ((ch = state.input.charCodeAt(state.position)) !== 0) {
    if (ch === 0x27/* ' */) {
      captureSegment(state, captureStart, state.position, true);
      ch = state.input.charCodeAt(++state.position);

      if (ch === 0x27/* ' */) {
        captureStart = state.position;
        state.position++;
        captureEnd = state.position;
      } else {
        return true;
      }

    } else if (is_EOL(ch)) {
      captureSegment(state, captureStart, captureEnd, true);
      writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
      captureStart = captureEnd = state.position;

    } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
      throwError(state, 'unexpected end of the document within a single quoted scalar');

    } else {
      state.position++;
      captureEnd = state.position;
    }
  }

  throwError(state, 'unexpected end of the stream within a single quoted scalar');
}

function readDoubleQuotedScalar(state, nodeIndent) {
  var captureStart,
      captureEnd,
      hexLength,
      hexResult,
      tmp,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (ch !== 0x22/* " */) {
    return false;
  }

  state.kind = 'scalar';
  state.result = '';
  state.position++;
  captureStart = captureEnd = state.position;

  while ((ch = state.input.charCodeAt(state.position)) !== 0) {
    if (ch === 0x22/* " */) {
      captureSegment(state, captureStart, state.position, true);
      state.position++;
      return true;

    } else if (ch === 0x5C/* \ */) {
      captureSegment(state, captureStart, state.position, true);
      ch = state.input.charCodeAt(++state.position);

      if (is_EOL(ch)) {
        skipSeparationSpace(state, false, nodeIndent);

        // TODO: rework to inline fn with no type cast?
      } else if (ch < 256 && simpleEscapeCheck[ch]) {
        state.result += simpleEscapeMap[ch];
        state.position++;

      } else if ((tmp = escapedHexLen(ch)) > 0) {
        hexLength = tmp;
        hexResult = 0;

        for (; hexLength > 0; hexLength--) {
          ch = state.input.charCodeAt(++state.position);

          if ((tmp = fromHexCode(ch)) >= 0) {
            hexResult = (hexResult << 4) + tmp;

          } else {
            throwError(state, 'expected hexadecimal character');
          }
        }

        state.result += charFromCodepoint(hexResult);

        state.position++;

      } else {
        throwError(state, 'unknown escape sequence');
      }

      captureStart = captureEnd = state.position;

    } else if (is_EOL(ch)) {
      captureSegment(state, captureStart, captureEnd, true);
      writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
      captureStart = captureEnd = state.position;

    } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
      throwError(state, 'unexpected end of the document within a double quoted scalar');

    } else {
      state.position++;
      captureEnd = state.position;
    }
  }

  throwError(state, 'unexpected end of the stream within a double quoted scalar');
}

function readFlowCollection(state, nodeIndent) {
  var readNext = true,
      _line,
      _tag     = state.tag,
      _result,
      _anchor  = state.anchor,
      following,
      terminator,
      isPair,
      isExplicitPair,
      isMapping,
      overridableKeys = {},
      keyNode,
      keyTag,
      valueNode,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (ch === 0x5B/* [ */) {
    terminator = 0x5D;/* ] */
    isMapping = false;
    _result = [];
  } else if (ch === 0x7B/* { */) {
    terminator = 0x7D;/* } */
    isMapping = true;
    _result = {};
  } else {
    return false;
  }

  if (state.anchor !== null) {
    state.anchorMap[state.anchor] = _result;
  }

  ch = state.input.charCodeAt(++state.position);

  while (ch !== 0) {
    skipSeparationSpace(state, true, nodeIndent);

    ch = state.input.charCodeAt(state.position);

    if (ch === terminator) {
      state.position++;
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = isMapping ? 'mapping' : 'sequence';
      state.result = _result;
      return true;
    } else if (!readNext) {
      throwError(state, 'missed comma between flow collection entries');
    }

    keyTag = keyNode = valueNode = null;
    isPair = isExplicitPair = false;

    if (ch === 0x3F/* ? */) {
      following = state.input.charCodeAt(state.position + 1);

      if (is_WS_OR_EOL(following)) {
        isPair = isExplicitPair = true;
        state.position++;
        skipSeparationSpace(state, true, nodeIndent);
      }
    }

    _line = state.line;
    composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
    keyTag = state.tag;
    keyNode = state.result;
    skipSeparationSpace(state, true, nodeIndent);

    ch = state.input.charCodeAt(state.position);

    if ((isExplicitPair || state.line === _line) && ch === 0x3A/* : */) {
      isPair = true;
      ch = state.input.charCodeAt(++state.position);
      skipSeparationSpace(state, true, nodeIndent);
      composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
      valueNode = state.result;
    }

    if (isMapping) {
      storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode);
    } else if (isPair) {
      _result.push(storeMappingPair(state, null, overridableKeys, keyTag, keyNode, valueNode));
    } else {
      _result.push(keyNode);
    }

    skipSeparationSpace(state, true, nodeIndent);

    ch = state.input.charCodeAt(state.position);

    if (ch === 0x2C/* , */) {
      readNext = true;
      ch = state.input.charCodeAt(++state.position);
    } else {
      readNext = false;
    }
  }

  throwError(state, 'unexpected end of the stream within a flow collection');
}

function readBlockScalar(state, nodeIndent) {
  var captureStart,
      folding,
      chomping       = CHOMPING_CLIP,
      didReadContent = false,
      detectedIndent = false,
      textIndent     = nodeIndent,
      emptyLines     = 0,
      atMoreIndented = false,
      tmp,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (ch === 0x7C/* | */) {
    folding = false;
  } else if (ch === 0x3E/* > */) {
    folding = true;
  } else {
    return false;
  }

  state.kind = 'scalar';
  state.result = '';

  while (ch !== 0) {
    ch = state.input.charCodeAt(++state.position);

    if (ch === 0x2B/* + */ || ch === 0x2D/* - */) {
      if (CHOMPING_CLIP === chomping) {
        chomping = (ch === 0x2B/* + */) ? CHOMPING_KEEP : CHOMPING_STRIP;
      } else {
        throwError(state, 'repeat of a chomping mode identifier');
      }

    } else if ((tmp = fromDecimalCode(ch)) >= 0) {
      if (tmp === 0) {
        throwError(state, 'bad explicit indentation width of a block scalar; it cannot be less than one');
      } else if (!detectedIndent) {
        textIndent = nodeIndent + tmp - 1;
        detectedIndent = true;
      } else {
        throwError(state, 'repeat of an indentation width identifier');
      }

    } else {
      break;
    }
  }

  if (is_WHITE_SPACE(ch)) {
    do { ch = state.input.charCodeAt(++state.position); }
    while (is_WHITE_SPACE(ch));

    if (ch === 0x23/* # */) {
      do { ch = state.input.charCodeAt(++state.position); }
      while (!is_EOL(ch) && (ch !== 0));
    }
  }

  while (ch !== 0) {
    readLineBreak(state);
    state.lineIndent = 0;

    ch = state.input.charCodeAt(state.position);

    while ((!detectedIndent || state.lineIndent < textIndent) &&
           (ch === 0x20/* Space */)) {
      state.lineIndent++;
      ch = state.input.charCodeAt(++state.position);
    }

    if (!detectedIndent && state.lineIndent > textIndent) {
      textIndent = state.lineIndent;
    }

    if (is_EOL(ch)) {
      emptyLines++;
      continue;
    }

    // End of the scalar.
    if (state.lineIndent < textIndent) {

      // Perform the chomping.
      if (chomping === CHOMPING_KEEP) {
        state.result += common.repeat('\n', didReadContent ? 1 + emptyLines : emptyLines);
      } else if (chomping === CHOMPING_CLIP) {
        if (didReadContent) { // i.e. only if the scalar is not empty.
          state.result += '\n';
        }
      }

      // Break this `while` cycle and go to the funciton's epilogue.
      break;
    }

    // Folded style: use fancy rules to handle line breaks.
    if (folding) {

      // Lines starting with white space characters (more-indented lines) are not folded.
      if (is_WHITE_SPACE(ch)) {
        atMoreIndented = true;
        // except for the first content line (cf. Example 8.1)
        state.result += common.repeat('\n', didReadContent ? 1 + emptyLines : emptyLines);

      // End of more-indented block.
      } else if (atMoreIndented) {
        atMoreIndented = false;
        state.result += common.repeat('\n', emptyLines + 1);

      // Just one line break - perceive as the same line.
      } else if (emptyLines === 0) {
        if (didReadContent) { // i.e. only if we have already read some scalar content.
          state.result += ' ';
        }

      // Several line breaks - perceive as different lines.
      } else {
        state.result += common.repeat('\n', emptyLines);
      }

    // Literal style: just add exact number of line breaks between content lines.
    } else {
      // Keep all line breaks except the header line break.
      state.result += common.repeat('\n', didReadContent ? 1 + emptyLines : emptyLines);
    }

    didReadContent = true;
    detectedIndent = true;
    emptyLines = 0;
    captureStart = state.position;

    while (!is_EOL(ch) && (ch !== 0)) {
      ch = state.input.charCodeAt(++state.position);
    }

    captureSegment(state, captureStart, state.position, false);
  }

  return true;
}

function readBlockSequence(state, nodeIndent) {
  var _line,
      _tag      = state.tag,
      _anchor   = state.anchor,
      _result   = [],
      following,
      detected  = false,
      ch;

  if (state.anchor !== null) {
    state.anchorMap[state.anchor] = _result;
  }

  ch = state.input.charCodeAt(state.position);

  while (ch !== 0) {

    if (ch !== 0x2D/* - */) {
      break;
    }

    following = state.input.charCodeAt(state.position + 1);

    if (!is_WS_OR_EOL(following)) {
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

    _line = state.line;
    composeNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
    _result.push(state.result);
    skipSeparationSpace(state, true, -1);

    ch = state.input.charCodeAt(state.position);

    if ((state.line === _line || state.lineIndent > nodeIndent) && (ch !== 0)) {
      throwError(state, 'bad indentation of a sequence entry');
    } else if (state.lineIndent < nodeIndent) {
      break;
    }
  }

  if (detected) {
    state.tag = _tag;
    state.anchor = _anchor;
    state.kind = 'sequence';
    state.result = _result;
    return true;
  }
  return false;
}

function readBlockMapping(state, nodeIndent, flowIndent) {
  var following,
      allowCompact,
      _line,
      _pos,
      _tag          = state.tag,
      _anchor       = state.anchor,
      _result       = {},
      overridableKeys = {},
      keyTag        = null,
      keyNode       = null,
      valueNode     = null,
      atExplicitKey = false,
      detected      = false,
      ch;

  if (state.anchor !== null) {
    state.anchorMap[state.anchor] = _result;
  }

  ch = state.input.charCodeAt(state.position);

  while (ch !== 0) {
    following = state.input.charCodeAt(state.position + 1);
    _line = state.line; // Save the current line.
    _pos = state.position;

    //
    // Explicit notation case. There are two separate blocks:
    // first for the key (denoted by "?") and second for the value (denoted by ":")
    //
    if ((ch === 0x3F/* ? */ || ch === 0x3A/* : */) && is_WS_OR_EOL(following)) {

      if (ch === 0x3F/* ? */) {
        if (atExplicitKey) {
          storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null);
          keyTag = keyNode = valueNode = null;
        }

        detected = true;
        atExplicitKey = true;
        allowCompact = true;

      } else if (atExplicitKey) {
        // i.e. 0x3A/* : */ === character after the explicit key.
        atExplicitKey = false;
        allowCompact = true;

      } else {
        throwError(state, 'incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line');
      }

      state.position += 1;
      ch = following;

    //
    // Implicit notation case. Flow-style node as the key first, then ":", and the value.
    //
    } else if (composeNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) {

      if (state.line === _line) {
        ch = state.input.charCodeAt(state.position);

        while (is_WHITE_SPACE(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }

        if (ch === 0x3A/* : */) {
          ch = state.input.charCodeAt(++state.position);

          if (!is_WS_OR_EOL(ch)) {
            throwError(state, 'a whitespace character is expected after the key-value separator within a block mapping');
          }

          if (atExplicitKey) {
            storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null);
            keyTag = keyNode = valueNode = null;
          }

          detected = true;
          atExplicitKey = false;
          allowCompact = false;
          keyTag = state.tag;
          keyNode = state.result;

        } else if (detected) {
          throwError(state, 'can not read an implicit mapping pair; a colon is missed');

        } else {
          state.tag = _tag;
          state.anchor = _anchor;
          return true; // Keep the result of `composeNode`.
        }

      } else if (detected) {
        throwError(state, 'can not read a block mapping entry; a multiline key may not be an implicit key');

      } else {
        state.tag = _tag;
        state.anchor = _anchor;
        return true; // Keep the result of `composeNode`.
      }

    } else {
      break; // Reading is done. Go to the epilogue.
    }

    //
    // Common reading code for both explicit and implicit notations.
    //
    if (state.line === _line || state.lineIndent > nodeIndent) {
      if (composeNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, allowCompact)) {
        if (atExplicitKey) {
          keyNode = state.result;
        } else {
          valueNode = state.result;
        }
      }

      if (!atExplicitKey) {
        storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _line, _pos);
        keyTag = keyNode = valueNode = null;
      }

      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
    }

    if (state.lineIndent > nodeIndent && (ch !== 0)) {
      throwError(state, 'bad indentation of a mapping entry');
    } else if (state.lineIndent < nodeIndent) {
      break;
    }
  }

  //
  // Epilogue.
  //

  // Special case: last mapping's node contains only the key in explicit notation.
  if (atExplicitKey) {
    storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null);
  }

  // Expose the resulting mapping.
  if (detected) {
    state.tag = _tag;
    state.anchor = _anchor;
    state.kind = 'mapping';
    state.result = _result;
  }

  return detected;
}

function readTagProperty(state) {
  var _position,
      isVerbatim = false,
      isNamed    = false,
      tagHandle,
      tagName,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (ch !== 0x21/* ! */) return false;

  if (state.tag !== null) {
    throwError(state, 'duplication of a tag property');
  }

  ch = state.input.charCodeAt(++state.position);

  if (ch === 0x3C/* < */) {
    isVerbatim = true;
    ch = state.input.charCodeAt(++state.position);

  } else if (ch === 0x21/* ! */) {
    isNamed = true;
    tagHandle = '!!';
    ch = state.input.charCodeAt(++state.position);

  } else {
    tagHandle = '!';
  }

  _position = state.position;

  if (isVerbatim) {
    do { ch = state.input.charCodeAt(++state.position); }
    while (ch !== 0 && ch !== 0x3E/* > */);

    if (state.position < state.length) {
      tagName = state.input.slice(_position, state.position);
      ch = state.input.charCodeAt(++state.position);
    } else {
      throwError(state, 'unexpected end of the stream within a verbatim tag');
    }
  } else {
    while (ch !== 0 && !is_WS_OR_EOL(ch)) {

      if (ch === 0x21/* ! */) {
        if (!isNamed) {
          tagHandle = state.input.slice(_position - 1, state.position + 1);

          if (!PATTERN_TAG_HANDLE.test(tagHandle)) {
            throwError(state, 'named tag handle cannot contain such characters');
          }

          isNamed = true;
          _position = state.position + 1;
        } else {
          throwError(state, 'tag suffix cannot contain exclamation marks');
        }
      }

      ch = state.input.charCodeAt(++state.position);
    }

    tagName = state.input.slice(_position, state.position);

    if (PATTERN_FLOW_INDICATORS.test(tagName)) {
      throwError(state, 'tag suffix cannot contain flow indicator characters');
    }
  }

  if (tagName && !PATTERN_TAG_URI.test(tagName)) {
    throwError(state, 'tag name cannot contain such characters: ' + tagName);
  }

  if (isVerbatim) {
    state.tag = tagName;

  } else if (_hasOwnProperty.call(state.tagMap, tagHandle)) {
    state.tag = state.tagMap[tagHandle] + tagName;

  } else if (tagHandle === '!') {
    state.tag = '!' + tagName;

  } else if (tagHandle === '!!') {
    state.tag = 'tag:yaml.org,2002:' + tagName;

  } else {
    throwError(state, 'undeclared tag handle "' + tagHandle + '"');
  }

  return true;
}

function readAnchorProperty(state) {
  var _position,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (ch !== 0x26/* & */) return false;

  if (state.anchor !== null) {
    throwError(state, 'duplication of an anchor property');
  }

  ch = state.input.charCodeAt(++state.position);
  _position = state.position;

  while (ch !== 0 && !is_WS_OR_EOL(ch) && !is_FLOW_INDICATOR(ch)) {
    ch = state.input.charCodeAt(++state.position);
  }

  if (state.position === _position) {
    throwError(state, 'name of an anchor node must contain at least one character');
  }

  state.anchor = state.input.slice(_position, state.position);
  return true;
}

function readAlias(state) {
  var _position, alias,
      ch;

  ch = state.input.charCodeAt(state.position);

  if (ch !== 0x2A/* * */) return false;

  ch = state.input.charCodeAt(++state.position);
  _position = state.position;

  while (ch !== 0 && !is_WS_OR_EOL(ch) && !is_FLOW_INDICATOR(ch)) {
    ch = state.input.charCodeAt(++state.position);
  }

  if (state.position === _position) {
    throwError(state, 'name of an alias node must contain at least one character');
  }

  alias = state.input.slice(_position, state.position);

  if (!_hasOwnProperty.call(state.anchorMap, alias)) {
    throwError(state, 'unidentified alias "' + alias + '"');
  }

  state.result = state.anchorMap[alias];
  skipSeparationSpace(state, true, -1);
  return true;
}

function composeNode(state, parentIndent, nodeContext, allowToSeek, allowCompact) {
  var allowBlockStyles,
      allowBlockScalars,
      allowBlockCollections,
      indentStatus = 1, // 1: this>parent, 0: this=parent, -1: this<parent
      atNewLine  = false,
      hasContent = false,
      typeIndex,
      typeQuantity,
      type,
      flowIndent,
      blockIndent;

  if (state.listener !== null) {
    state.listener('open', state);
  }

  state.tag    = null;
  state.anchor = null;
  state.kind   = null;
  state.result = null;

  allowBlockStyles = allowBlockScalars = allowBlockCollections =
    CONTEXT_BLOCK_OUT === nodeContext ||
    CONTEXT_BLOCK_IN  === nodeContext;

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
    while (readTagProperty(state) || readAnchorProperty(state)) {
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
      if (allowBlockCollections &&
          (readBlockSequence(state, blockIndent) ||
           readBlockMapping(state, blockIndent, flowIndent)) ||
          readFlowCollection(state, flowIndent)) {
        hasContent = true;
      } else {
        if ((allowBlockScalars && readBlockScalar(state, flowIndent)) ||
            readSingleQuotedScalar(state, flowIndent) ||
            readDoubleQuotedScalar(state, flowIndent)) {
          hasContent = true;

        } else if (readAlias(state)) {
          hasContent = true;

          if (state.tag !== null || state.anchor !== null) {
            throwError(state, 'alias node should not have any properties');
          }

        } else if (readPlainScalar(state, flowIndent, CONTEXT_FLOW_IN === nodeContext)) {
          hasContent = true;

          if (state.tag === null) {
            state.tag = '?';
          }
        }

        if (state.anchor !== null) {
          state.anchorMap[state.anchor] = state.result;
        }
      }
    } else if (indentStatus === 0) {
      // Special case: block sequences are allowed to have same indentation level as the parent.
      // http://www.yaml.org/spec/1.2/spec.html#id2799784
      hasContent = allowBlockCollections && readBlockSequence(state, blockIndent);
    }
  }

  if (state.tag !== null && state.tag !== '!') {
    if (state.tag === '?') {
      // Implicit resolving is not allowed for non-scalar types, and '?'
      // non-specific tag is only automatically assigned to plain scalars.
      //
      // We only need to check kind conformity in case user explicitly assigns '?'
      // tag, for example like this: "!<?> [0]"
      //
      if (state.result !== null && state.kind !== 'scalar') {
        throwError(state, 'unacceptable node kind for !<?> tag; it should be "scalar", not "' + state.kind + '"');
      }

      for (typeIndex = 0, typeQuantity = state.implicitTypes.length; typeIndex < typeQuantity; typeIndex += 1) {
        type = state.implicitTypes[typeIndex];

        if (type.resolve(state.result)) { // `state.result` updated in resolver if matched
          state.result = type.construct(state.result);
          state.tag = type.tag;
          if (state.anchor !== null) {
            state.anchorMap[state.anchor] = state.result;
          }
          break;
        }
      }
    } else if (_hasOwnProperty.call(state.typeMap[state.kind || 'fallback'], state.tag)) {
      type = state.typeMap[state.kind || 'fallback'][state.tag];

      if (state.result !== null && type.kind !== state.kind) {
        throwError(state, 'unacceptable node kind for !<' + state.tag + '> tag; it should be "' + type.kind + '", not "' + state.kind + '"');
      }

      if (!type.resolve(state.result)) { // `state.result` updated in resolver if matched
        throwError(state, 'cannot resolve a node with !<' + state.tag + '> explicit tag');
      } else {
        state.result = type.construct(state.result);
        if (state.anchor !== null) {
          state.anchorMap[state.anchor] = state.result;
        }
      }
    } else {
      throwError(state, 'unknown tag !<' + state.tag + '>');
    }
  }

  if (state.listener !== null) {
    state.listener('close', state);
  }
  return state.tag !== null ||  state.anchor !== null || hasContent;
}

function readDocument(state) {
  var documentStart = state.position,
      _position,
      directiveName,
      directiveArgs,
      hasDirectives = false,
      ch;

  state.version = null;
  state.checkLineBreaks = state.legacy;
  state.tagMap = {};
  state.anchorMap = {};

  while ((ch = state.input.charCodeAt(state.position)) !== 0) {
    skipSeparationSpace(state, true, -1);

    ch = state.input.charCodeAt(state.position);

    if (state.lineIndent > 0 || ch !== 0x25/* % */) {
      break;
    }

    hasDirectives = true;
    ch = state.input.charCodeAt(++state.position);
    _position = state.position;

    while (ch !== 0 && !is_WS_OR_EOL(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }

    directiveName = state.input.slice(_position, state.position);
    directiveArgs = [];

    if (directiveName.length < 1) {
      throwError(state, 'directive name must not be less than one character in length');
    }

    while (ch !== 0) {
      while (is_WHITE_SPACE(ch)) {
        ch = state.input.charCodeAt(++state.position);
      }

      if (ch === 0x23/* # */) {
        do { ch = state.input.charCodeAt(++state.position); }
        while (ch !== 0 && !is_EOL(ch));
        break;
      }

      if (is_EOL(ch)) break;

      _position = state.position;

      while (ch !== 0 && !is_WS_OR_EOL(ch)) {
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

  if (state.lineIndent === 0 &&
      state.input.charCodeAt(state.position)     === 0x2D/* - */ &&
      state.input.charCodeAt(state.position + 1) === 0x2D/* - */ &&
      state.input.charCodeAt(state.position + 2) === 0x2D/* - */) {
    state.position += 3;
    skipSeparationSpace(state, true, -1);

  } else if (hasDirectives) {
    throwError(state, 'directives end mark is expected');
  }

  composeNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
  skipSeparationSpace(state, true, -1);

  if (state.checkLineBreaks &&
      PATTERN_NON_ASCII_LINE_BREAKS.test(state.input.slice(documentStart, state.position))) {
    throwWarning(state, 'non-ASCII line breaks are interpreted as content');
  }

  state.documents.push(state.result);

  if (state.position === state.lineStart && testDocumentSeparator(state)) {

    if (state.input.charCodeAt(state.position) === 0x2E/* . */) {
      state.position += 3;
      skipSeparationSpace(state, true, -1);
    }
    return;
  }

  if (state.position < (state.length - 1)) {
    throwError(state, 'end of the stream or a document separator is expected');
  } else {
    return;
  }
}


function loadDocuments(input, options) {
  input = String(input);
  options = options || {};

  if (input.length !== 0) {

    // Add tailing `\n` if not exists
    if (input.charCodeAt(input.length - 1) !== 0x0A/* LF */ &&
        input.charCodeAt(input.length - 1) !== 0x0D/* CR */) {
      input += '\n';
    }

    // Strip BOM
    if (input.charCodeAt(0) === 0xFEFF) {
      input = input.slice(1);
    }
  }

  var state = new State(input, options);

  var nullpos = input.indexOf('\0');

  if (nullpos !== -1) {
    state.position = nullpos;
    throwError(state, 'null byte is not allowed in input');
  }

  // Use 0 as string terminator. That significantly simplifies bounds check.
  state.input += '\0';

  while (state.input.charCodeAt(state.position) === 0x20/* Space */) {
    state.lineIndent += 1;
    state.position += 1;
  }

  while (state.position < (state.length - 1)) {
    readDocument(state);
  }

  return state.documents;
}


function loadAll(input, iterator, options) {
  if (iterator !== null && typeof iterator === 'object' && typeof options === 'undefined') {
    options = iterator;
    iterator = null;
  }

  var documents = loadDocuments(input, options);

  if (typeof iterator !== 'function') {
    return documents;
  }

  for (var index = 0, length = documents.length; index < length; index += 1) {
    iterator(documents[index]);
  }
}


function load(input, options) {
  var documents = loadDocuments(input, options);

  if (documents.length === 0) {
    /*eslint-disable no-undefined*/
    return undefined;
  } else if (documents.length === 1) {
    return documents[0];
  }
  throw new YAMLException('expected a single document in the stream, but found more');
}


function safeLoadAll(input, iterator, options) {
  if (typeof iterator === 'object' && iterator !== null && typeof options === 'undefined') {
    options = iterator;
    iterator = null;
  }

  return loadAll(input, iterator, common.extend({ schema: DEFAULT_SAFE_SCHEMA }, options));
}


function safeLoad(input, options) {
  return load(input, common.extend({ schema: DEFAULT_SAFE_SCHEMA }, options));
}


module.exports.loadAll     = loadAll;
module.exports.load        = load;
module.exports.safeLoadAll = safeLoadAll;
module.exports.safeLoad    = safeLoad;


/***/ }),

/***/ 1233:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {




var common = __nccwpck_require__(3973);


function Mark(name, buffer, position, line, column) {
  this.name     = name;
  this.buffer   = buffer;
  this.position = position;
  this.line     = line;
  this.column   = column;
}


Mark.prototype.getSnippet = function getSnippet(indent, maxLength) {
  var head, start, tail, end, snippet;

  if (!this.buffer) return null;

  indent = indent || 4;
  maxLength = maxLength || 75;

  head = '';
  start = this.position;

  while (start > 0 && '\x00\r\n\x85\u2028\u2029'.indexOf(this.buffer.charAt(start - 1)) === -1) {
    start -= 1;
    if (this.position - start > (maxLength / 2 - 1)) {
      head = ' ... ';
      start += 5;
      break;
    }
  }

  tail = '';
  end = this.position;

  while (end < this.buffer.length && '\x00\r\n\x85\u2028\u2029'.indexOf(this.buffer.charAt(end)) === -1) {
    end += 1;
    if (end - this.position > (maxLength / 2 - 1)) {
      tail = ' ... ';
      end -= 5;
      break;
    }
  }

  snippet = this.buffer.slice(start, end);

  return common.repeat(' ', indent) + head + snippet + tail + '\n' +
         common.repeat(' ', indent + this.position - start + head.length) + '^';
};


Mark.prototype.toString = function toString(compact) {
  var snippet, where = '';

  if (this.name) {
    where += 'in "' + this.name + '" ';
  }

  where += 'at line ' + (this.line + 1) + ', column ' + (this.column + 1);

  if (!compact) {
    snippet = this.getSnippet();

    if (snippet) {
      where += ':\n' + snippet;
    }
  }

  return where;
};


module.exports = Mark;


/***/ }),

/***/ 995:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



/*eslint-disable max-len*/

var common        = __nccwpck_require__(3973);
var YAMLException = __nccwpck_require__(7627);
var Type          = __nccwpck_require__(7592);


function compileList(schema, name, result) {
  var exclude = [];

  schema.include.forEach(function (includedSchema) {
    result = compileList(includedSchema, name, result);
  });

  schema[name].forEach(function (currentType) {
    result.forEach(function (previousType, previousIndex) {
      if (previousType.tag === currentType.tag && previousType.kind === currentType.kind) {
        exclude.push(previousIndex);
      }
    });

    result.push(currentType);
  });

  return result.filter(function (type, index) {
    return exclude.indexOf(index) === -1;
  });
}


function compileMap(/* lists... */) {
  var result = {
        scalar: {},
        sequence: {},
        mapping: {},
        fallback: {}
      }, index, length;

  function collectType(type) {
    result[type.kind][type.tag] = result['fallback'][type.tag] = type;
  }

  for (index = 0, length = arguments.length; index < length; index += 1) {
    arguments[index].forEach(collectType);
  }
  return result;
}


function Schema(definition) {
  this.include  = definition.include  || [];
  this.implicit = definition.implicit || [];
  this.explicit = definition.explicit || [];

  this.implicit.forEach(function (type) {
    if (type.loadKind && type.loadKind !== 'scalar') {
      throw new YAMLException('There is a non-scalar type in the implicit list of a schema. Implicit resolving of such types is not supported.');
    }
  });

  this.compiledImplicit = compileList(this, 'implicit', []);
  this.compiledExplicit = compileList(this, 'explicit', []);
  this.compiledTypeMap  = compileMap(this.compiledImplicit, this.compiledExplicit);
}


Schema.DEFAULT = null;


Schema.create = function createSchema() {
  var schemas, types;

  switch (arguments.length) {
    case 1:
      schemas = Schema.DEFAULT;
      types = arguments[0];
      break;

    case 2:
      schemas = arguments[0];
      types = arguments[1];
      break;

    default:
      throw new YAMLException('Wrong number of arguments for Schema.create function');
  }

  schemas = common.toArray(schemas);
  types = common.toArray(types);

  if (!schemas.every(function (schema) { return schema instanceof Schema; })) {
    throw new YAMLException('Specified list of super schemas (or a single Schema object) contains a non-Schema object.');
  }

  if (!types.every(function (type) { return type instanceof Type; })) {
    throw new YAMLException('Specified list of YAML types (or a single Type object) contains a non-Type object.');
  }

  return new Schema({
    include: schemas,
    explicit: types
  });
};


module.exports = Schema;


/***/ }),

/***/ 4773:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// Standard YAML's Core schema.
// http://www.yaml.org/spec/1.2/spec.html#id2804923
//
// NOTE: JS-YAML does not support schema-specific tag resolution restrictions.
// So, Core schema has no distinctions from JSON schema is JS-YAML.





var Schema = __nccwpck_require__(995);


module.exports = new Schema({
  include: [
    __nccwpck_require__(5636)
  ]
});


/***/ }),

/***/ 1285:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// JS-YAML's default schema for `load` function.
// It is not described in the YAML specification.
//
// This schema is based on JS-YAML's default safe schema and includes
// JavaScript-specific types: !!js/undefined, !!js/regexp and !!js/function.
//
// Also this schema is used as default base schema at `Schema.create` function.





var Schema = __nccwpck_require__(995);


module.exports = Schema.DEFAULT = new Schema({
  include: [
    __nccwpck_require__(8693)
  ],
  explicit: [
    __nccwpck_require__(1775),
    __nccwpck_require__(7394),
    __nccwpck_require__(9531)
  ]
});


/***/ }),

/***/ 8693:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// JS-YAML's default schema for `safeLoad` function.
// It is not described in the YAML specification.
//
// This schema is based on standard YAML's Core schema and includes most of
// extra types described at YAML tag repository. (http://yaml.org/type/)





var Schema = __nccwpck_require__(995);


module.exports = new Schema({
  include: [
    __nccwpck_require__(4773)
  ],
  implicit: [
    __nccwpck_require__(5339),
    __nccwpck_require__(4543)
  ],
  explicit: [
    __nccwpck_require__(2946),
    __nccwpck_require__(7742),
    __nccwpck_require__(770),
    __nccwpck_require__(1723)
  ]
});


/***/ }),

/***/ 6587:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// Standard YAML's Failsafe schema.
// http://www.yaml.org/spec/1.2/spec.html#id2802346





var Schema = __nccwpck_require__(995);


module.exports = new Schema({
  explicit: [
    __nccwpck_require__(4504),
    __nccwpck_require__(1848),
    __nccwpck_require__(7021)
  ]
});


/***/ }),

/***/ 5636:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// Standard YAML's JSON schema.
// http://www.yaml.org/spec/1.2/spec.html#id2803231
//
// NOTE: JS-YAML does not support schema-specific tag resolution restrictions.
// So, this schema is not such strict as defined in the YAML specification.
// It allows numbers in binary notaion, use `Null` and `NULL` as `null`, etc.





var Schema = __nccwpck_require__(995);


module.exports = new Schema({
  include: [
    __nccwpck_require__(6587)
  ],
  implicit: [
    __nccwpck_require__(7658),
    __nccwpck_require__(6699),
    __nccwpck_require__(9158),
    __nccwpck_require__(1641)
  ]
});


/***/ }),

/***/ 7592:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var YAMLException = __nccwpck_require__(7627);

var TYPE_CONSTRUCTOR_OPTIONS = [
  'kind',
  'resolve',
  'construct',
  'instanceOf',
  'predicate',
  'represent',
  'defaultStyle',
  'styleAliases'
];

var YAML_NODE_KINDS = [
  'scalar',
  'sequence',
  'mapping'
];

function compileStyleAliases(map) {
  var result = {};

  if (map !== null) {
    Object.keys(map).forEach(function (style) {
      map[style].forEach(function (alias) {
        result[String(alias)] = style;
      });
    });
  }

  return result;
}

function Type(tag, options) {
  options = options || {};

  Object.keys(options).forEach(function (name) {
    if (TYPE_CONSTRUCTOR_OPTIONS.indexOf(name) === -1) {
      throw new YAMLException('Unknown option "' + name + '" is met in definition of "' + tag + '" YAML type.');
    }
  });

  // TODO: Add tag format check.
  this.tag          = tag;
  this.kind         = options['kind']         || null;
  this.resolve      = options['resolve']      || function () { return true; };
  this.construct    = options['construct']    || function (data) { return data; };
  this.instanceOf   = options['instanceOf']   || null;
  this.predicate    = options['predicate']    || null;
  this.represent    = options['represent']    || null;
  this.defaultStyle = options['defaultStyle'] || null;
  this.styleAliases = compileStyleAliases(options['styleAliases'] || null);

  if (YAML_NODE_KINDS.indexOf(this.kind) === -1) {
    throw new YAMLException('Unknown kind "' + this.kind + '" is specified for "' + tag + '" YAML type.');
  }
}

module.exports = Type;


/***/ }),

/***/ 2946:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



/*eslint-disable no-bitwise*/

var NodeBuffer;

try {
  // A trick for browserified version, to not include `Buffer` shim
  var _require = __WEBPACK_EXTERNAL_createRequire(import.meta.url);
  NodeBuffer = _require('buffer').Buffer;
} catch (__) {}

var Type       = __nccwpck_require__(7592);


// [ 64, 65, 66 ] -> [ padding, CR, LF ]
var BASE64_MAP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r';


function resolveYamlBinary(data) {
  if (data === null) return false;

  var code, idx, bitlen = 0, max = data.length, map = BASE64_MAP;

  // Convert one by one.
  for (idx = 0; idx < max; idx++) {
    code = map.indexOf(data.charAt(idx));

    // Skip CR/LF
    if (code > 64) continue;

    // Fail on illegal characters
    if (code < 0) return false;

    bitlen += 6;
  }

  // If there are any bits left, source was corrupted
  return (bitlen % 8) === 0;
}

function constructYamlBinary(data) {
  var idx, tailbits,
      input = data.replace(/[\r\n=]/g, ''), // remove CR/LF & padding to simplify scan
      max = input.length,
      map = BASE64_MAP,
      bits = 0,
      result = [];

  // Collect by 6*4 bits (3 bytes)

  for (idx = 0; idx < max; idx++) {
    if ((idx % 4 === 0) && idx) {
      result.push((bits >> 16) & 0xFF);
      result.push((bits >> 8) & 0xFF);
      result.push(bits & 0xFF);
    }

    bits = (bits << 6) | map.indexOf(input.charAt(idx));
  }

  // Dump tail

  tailbits = (max % 4) * 6;

  if (tailbits === 0) {
    result.push((bits >> 16) & 0xFF);
    result.push((bits >> 8) & 0xFF);
    result.push(bits & 0xFF);
  } else if (tailbits === 18) {
    result.push((bits >> 10) & 0xFF);
    result.push((bits >> 2) & 0xFF);
  } else if (tailbits === 12) {
    result.push((bits >> 4) & 0xFF);
  }

  // Wrap into Buffer for NodeJS and leave Array for browser
  if (NodeBuffer) {
    // Support node 6.+ Buffer API when available
    return NodeBuffer.from ? NodeBuffer.from(result) : new NodeBuffer(result);
  }

  return result;
}

function representYamlBinary(object /*, style*/) {
  var result = '', bits = 0, idx, tail,
      max = object.length,
      map = BASE64_MAP;

  // Convert every three bytes to 4 ASCII characters.

  for (idx = 0; idx < max; idx++) {
    if ((idx % 3 === 0) && idx) {
      result += map[(bits >> 18) & 0x3F];
      result += map[(bits >> 12) & 0x3F];
      result += map[(bits >> 6) & 0x3F];
      result += map[bits & 0x3F];
    }

    bits = (bits << 8) + object[idx];
  }

  // Dump tail

  tail = max % 3;

  if (tail === 0) {
    result += map[(bits >> 18) & 0x3F];
    result += map[(bits >> 12) & 0x3F];
    result += map[(bits >> 6) & 0x3F];
    result += map[bits & 0x3F];
  } else if (tail === 2) {
    result += map[(bits >> 10) & 0x3F];
    result += map[(bits >> 4) & 0x3F];
    result += map[(bits << 2) & 0x3F];
    result += map[64];
  } else if (tail === 1) {
    result += map[(bits >> 2) & 0x3F];
    result += map[(bits << 4) & 0x3F];
    result += map[64];
    result += map[64];
  }

  return result;
}

function isBinary(object) {
  return NodeBuffer && NodeBuffer.isBuffer(object);
}

module.exports = new Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: resolveYamlBinary,
  construct: constructYamlBinary,
  predicate: isBinary,
  represent: representYamlBinary
});


/***/ }),

/***/ 6699:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

function resolveYamlBoolean(data) {
  if (data === null) return false;

  var max = data.length;

  return (max === 4 && (data === 'true' || data === 'True' || data === 'TRUE')) ||
         (max === 5 && (data === 'false' || data === 'False' || data === 'FALSE'));
}

function constructYamlBoolean(data) {
  return data === 'true' ||
         data === 'True' ||
         data === 'TRUE';
}

function isBoolean(object) {
  return Object.prototype.toString.call(object) === '[object Boolean]';
}

module.exports = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: resolveYamlBoolean,
  construct: constructYamlBoolean,
  predicate: isBoolean,
  represent: {
    lowercase: function (object) { return object ? 'true' : 'false'; },
    uppercase: function (object) { return object ? 'TRUE' : 'FALSE'; },
    camelcase: function (object) { return object ? 'True' : 'False'; }
  },
  defaultStyle: 'lowercase'
});


/***/ }),

/***/ 1641:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var common = __nccwpck_require__(3973);
var Type   = __nccwpck_require__(7592);

var YAML_FLOAT_PATTERN = new RegExp(
  // 2.5e4, 2.5 and integers
  '^(?:[-+]?(?:0|[1-9][0-9_]*)(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?' +
  // .2e4, .2
  // special case, seems not from spec
  '|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?' +
  // 20:59
  '|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*' +
  // .inf
  '|[-+]?\\.(?:inf|Inf|INF)' +
  // .nan
  '|\\.(?:nan|NaN|NAN))$');

function resolveYamlFloat(data) {
  if (data === null) return false;

  if (!YAML_FLOAT_PATTERN.test(data) ||
      // Quick hack to not allow integers end with `_`
      // Probably should update regexp & check speed
      data[data.length - 1] === '_') {
    return false;
  }

  return true;
}

function constructYamlFloat(data) {
  var value, sign, base, digits;

  value  = data.replace(/_/g, '').toLowerCase();
  sign   = value[0] === '-' ? -1 : 1;
  digits = [];

  if ('+-'.indexOf(value[0]) >= 0) {
    value = value.slice(1);
  }

  if (value === '.inf') {
    return (sign === 1) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;

  } else if (value === '.nan') {
    return NaN;

  } else if (value.indexOf(':') >= 0) {
    value.split(':').forEach(function (v) {
      digits.unshift(parseFloat(v, 10));
    });

    value = 0.0;
    base = 1;

    digits.forEach(function (d) {
      value += d * base;
      base *= 60;
    });

    return sign * value;

  }
  return sign * parseFloat(value, 10);
}


var SCIENTIFIC_WITHOUT_DOT = /^[-+]?[0-9]+e/;

function representYamlFloat(object, style) {
  var res;

  if (isNaN(object)) {
    switch (style) {
      case 'lowercase': return '.nan';
      case 'uppercase': return '.NAN';
      case 'camelcase': return '.NaN';
    }
  } else if (Number.POSITIVE_INFINITY === object) {
    switch (style) {
      case 'lowercase': return '.inf';
      case 'uppercase': return '.INF';
      case 'camelcase': return '.Inf';
    }
  } else if (Number.NEGATIVE_INFINITY === object) {
    switch (style) {
      case 'lowercase': return '-.inf';
      case 'uppercase': return '-.INF';
      case 'camelcase': return '-.Inf';
    }
  } else if (common.isNegativeZero(object)) {
    return '-0.0';
  }

  res = object.toString(10);

  // JS stringifier can build scientific format without dots: 5e-100,
  // while YAML requres dot: 5.e-100. Fix it with simple hack

  return SCIENTIFIC_WITHOUT_DOT.test(res) ? res.replace('e', '.e') : res;
}

function isFloat(object) {
  return (Object.prototype.toString.call(object) === '[object Number]') &&
         (object % 1 !== 0 || common.isNegativeZero(object));
}

module.exports = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: resolveYamlFloat,
  construct: constructYamlFloat,
  predicate: isFloat,
  represent: representYamlFloat,
  defaultStyle: 'lowercase'
});


/***/ }),

/***/ 9158:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var common = __nccwpck_require__(3973);
var Type   = __nccwpck_require__(7592);

function isHexCode(c) {
  return ((0x30/* 0 */ <= c) && (c <= 0x39/* 9 */)) ||
         ((0x41/* A */ <= c) && (c <= 0x46/* F */)) ||
         ((0x61/* a */ <= c) && (c <= 0x66/* f */));
}

function isOctCode(c) {
  return ((0x30/* 0 */ <= c) && (c <= 0x37/* 7 */));
}

function isDecCode(c) {
  return ((0x30/* 0 */ <= c) && (c <= 0x39/* 9 */));
}

function resolveYamlInteger(data) {
  if (data === null) return false;

  var max = data.length,
      index = 0,
      hasDigits = false,
      ch;

  if (!max) return false;

  ch = data[index];

  // sign
  if (ch === '-' || ch === '+') {
    ch = data[++index];
  }

  if (ch === '0') {
    // 0
    if (index + 1 === max) return true;
    ch = data[++index];

    // base 2, base 8, base 16

    if (ch === 'b') {
      // base 2
      index++;

      for (; index < max; index++) {
        ch = data[index];
        if (ch === '_') continue;
        if (ch !== '0' && ch !== '1') return false;
        hasDigits = true;
      }
      return hasDigits && ch !== '_';
    }


    if (ch === 'x') {
      // base 16
      index++;

      for (; index < max; index++) {
        ch = data[index];
        if (ch === '_') continue;
        if (!isHexCode(data.charCodeAt(index))) return false;
        hasDigits = true;
      }
      return hasDigits && ch !== '_';
    }

    // base 8
    for (; index < max; index++) {
      ch = data[index];
      if (ch === '_') continue;
      if (!isOctCode(data.charCodeAt(index))) return false;
      hasDigits = true;
    }
    return hasDigits && ch !== '_';
  }

  // base 10 (except 0) or base 60

  // value should not start with `_`;
  if (ch === '_') return false;

  for (; index < max; index++) {
    ch = data[index];
    if (ch === '_') continue;
    if (ch === ':') break;
    if (!isDecCode(data.charCodeAt(index))) {
      return false;
    }
    hasDigits = true;
  }

  // Should have digits and should not end with `_`
  if (!hasDigits || ch === '_') return false;

  // if !base60 - done;
  if (ch !== ':') return true;

  // base60 almost not used, no needs to optimize
  return /^(:[0-5]?[0-9])+$/.test(data.slice(index));
}

function constructYamlInteger(data) {
  var value = data, sign = 1, ch, base, digits = [];

  if (value.indexOf('_') !== -1) {
    value = value.replace(/_/g, '');
  }

  ch = value[0];

  if (ch === '-' || ch === '+') {
    if (ch === '-') sign = -1;
    value = value.slice(1);
    ch = value[0];
  }

  if (value === '0') return 0;

  if (ch === '0') {
    if (value[1] === 'b') return sign * parseInt(value.slice(2), 2);
    if (value[1] === 'x') return sign * parseInt(value, 16);
    return sign * parseInt(value, 8);
  }

  if (value.indexOf(':') !== -1) {
    value.split(':').forEach(function (v) {
      digits.unshift(parseInt(v, 10));
    });

    value = 0;
    base = 1;

    digits.forEach(function (d) {
      value += (d * base);
      base *= 60;
    });

    return sign * value;

  }

  return sign * parseInt(value, 10);
}

function isInteger(object) {
  return (Object.prototype.toString.call(object)) === '[object Number]' &&
         (object % 1 === 0 && !common.isNegativeZero(object));
}

module.exports = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: resolveYamlInteger,
  construct: constructYamlInteger,
  predicate: isInteger,
  represent: {
    binary:      function (obj) { return obj >= 0 ? '0b' + obj.toString(2) : '-0b' + obj.toString(2).slice(1); },
    octal:       function (obj) { return obj >= 0 ? '0'  + obj.toString(8) : '-0'  + obj.toString(8).slice(1); },
    decimal:     function (obj) { return obj.toString(10); },
    /* eslint-disable max-len */
    hexadecimal: function (obj) { return obj >= 0 ? '0x' + obj.toString(16).toUpperCase() :  '-0x' + obj.toString(16).toUpperCase().slice(1); }
  },
  defaultStyle: 'decimal',
  styleAliases: {
    binary:      [ 2,  'bin' ],
    octal:       [ 8,  'oct' ],
    decimal:     [ 10, 'dec' ],
    hexadecimal: [ 16, 'hex' ]
  }
});


/***/ }),

/***/ 9531:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var esprima;

// Browserified version does not have esprima
//
// 1. For node.js just require module as deps
// 2. For browser try to require mudule via external AMD system.
//    If not found - try to fallback to window.esprima. If not
//    found too - then fail to parse.
//
try {
  // workaround to exclude package from browserify list.
  var _require = __WEBPACK_EXTERNAL_createRequire(import.meta.url);
  esprima = _require('esprima');
} catch (_) {
  /* eslint-disable no-redeclare */
  /* global window */
  if (typeof window !== 'undefined') esprima = window.esprima;
}

var Type = __nccwpck_require__(7592);

function resolveJavascriptFunction(data) {
  if (data === null) return false;

  try {
    var source = '(' + data + ')',
        ast    = esprima.parse(source, { range: true });

    if (ast.type                    !== 'Program'             ||
        ast.body.length             !== 1                     ||
        ast.body[0].type            !== 'ExpressionStatement' ||
        (ast.body[0].expression.type !== 'ArrowFunctionExpression' &&
          ast.body[0].expression.type !== 'FunctionExpression')) {
      return false;
    }

    return true;
  } catch (err) {
    return false;
  }
}

function constructJavascriptFunction(data) {
  /*jslint evil:true*/

  var source = '(' + data + ')',
      ast    = esprima.parse(source, { range: true }),
      params = [],
      body;

  if (ast.type                    !== 'Program'             ||
      ast.body.length             !== 1                     ||
      ast.body[0].type            !== 'ExpressionStatement' ||
      (ast.body[0].expression.type !== 'ArrowFunctionExpression' &&
        ast.body[0].expression.type !== 'FunctionExpression')) {
    throw new Error('Failed to resolve function');
  }

  ast.body[0].expression.params.forEach(function (param) {
    params.push(param.name);
  });

  body = ast.body[0].expression.body.range;

  // Esprima's ranges include the first '{' and the last '}' characters on
  // function expressions. So cut them out.
  if (ast.body[0].expression.body.type === 'BlockStatement') {
    /*eslint-disable no-new-func*/
    return new Function(params, source.slice(body[0] + 1, body[1] - 1));
  }
  // ES6 arrow functions can omit the BlockStatement. In that case, just return
  // the body.
  /*eslint-disable no-new-func*/
  return new Function(params, 'return ' + source.slice(body[0], body[1]));
}

function representJavascriptFunction(object /*, style*/) {
  return object.toString();
}

function isFunction(object) {
  return Object.prototype.toString.call(object) === '[object Function]';
}

module.exports = new Type('tag:yaml.org,2002:js/function', {
  kind: 'scalar',
  resolve: resolveJavascriptFunction,
  construct: constructJavascriptFunction,
  predicate: isFunction,
  represent: representJavascriptFunction
});


/***/ }),

/***/ 7394:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

function resolveJavascriptRegExp(data) {
  if (data === null) return false;
  if (data.length === 0) return false;

  var regexp = data,
      tail   = /\/([gim]*)$/.exec(data),
      modifiers = '';

  // if regexp starts with '/' it can have modifiers and must be properly closed
  // `/foo/gim` - modifiers tail can be maximum 3 chars
  if (regexp[0] === '/') {
    if (tail) modifiers = tail[1];

    if (modifiers.length > 3) return false;
    // if expression starts with /, is should be properly terminated
    if (regexp[regexp.length - modifiers.length - 1] !== '/') return false;
  }

  return true;
}

function constructJavascriptRegExp(data) {
  var regexp = data,
      tail   = /\/([gim]*)$/.exec(data),
      modifiers = '';

  // `/foo/gim` - tail can be maximum 4 chars
  if (regexp[0] === '/') {
    if (tail) modifiers = tail[1];
    regexp = regexp.slice(1, regexp.length - modifiers.length - 1);
  }

  return new RegExp(regexp, modifiers);
}

function representJavascriptRegExp(object /*, style*/) {
  var result = '/' + object.source + '/';

  if (object.global) result += 'g';
  if (object.multiline) result += 'm';
  if (object.ignoreCase) result += 'i';

  return result;
}

function isRegExp(object) {
  return Object.prototype.toString.call(object) === '[object RegExp]';
}

module.exports = new Type('tag:yaml.org,2002:js/regexp', {
  kind: 'scalar',
  resolve: resolveJavascriptRegExp,
  construct: constructJavascriptRegExp,
  predicate: isRegExp,
  represent: representJavascriptRegExp
});


/***/ }),

/***/ 1775:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

function resolveJavascriptUndefined() {
  return true;
}

function constructJavascriptUndefined() {
  /*eslint-disable no-undefined*/
  return undefined;
}

function representJavascriptUndefined() {
  return '';
}

function isUndefined(object) {
  return typeof object === 'undefined';
}

module.exports = new Type('tag:yaml.org,2002:js/undefined', {
  kind: 'scalar',
  resolve: resolveJavascriptUndefined,
  construct: constructJavascriptUndefined,
  predicate: isUndefined,
  represent: representJavascriptUndefined
});


/***/ }),

/***/ 7021:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

module.exports = new Type('tag:yaml.org,2002:map', {
  kind: 'mapping',
  construct: function (data) { return data !== null ? data : {}; }
});


/***/ }),

/***/ 4543:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

function resolveYamlMerge(data) {
  return data === '<<' || data === null;
}

module.exports = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: resolveYamlMerge
});


/***/ }),

/***/ 7658:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

function resolveYamlNull(data) {
  if (data === null) return true;

  var max = data.length;

  return (max === 1 && data === '~') ||
         (max === 4 && (data === 'null' || data === 'Null' || data === 'NULL'));
}

function constructYamlNull() {
  return null;
}

function isNull(object) {
  return object === null;
}

module.exports = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: resolveYamlNull,
  construct: constructYamlNull,
  predicate: isNull,
  represent: {
    canonical: function () { return '~';    },
    lowercase: function () { return 'null'; },
    uppercase: function () { return 'NULL'; },
    camelcase: function () { return 'Null'; }
  },
  defaultStyle: 'lowercase'
});


/***/ }),

/***/ 7742:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

var _hasOwnProperty = Object.prototype.hasOwnProperty;
var _toString       = Object.prototype.toString;

function resolveYamlOmap(data) {
  if (data === null) return true;

  var objectKeys = {}, index, length, pair, pairKey, pairHasKey,
      object = data;

  for (index = 0, length = object.length; index < length; index += 1) {
    pair = object[index];
    pairHasKey = false;

    if (_toString.call(pair) !== '[object Object]') return false;

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

module.exports = new Type('tag:yaml.org,2002:omap', {
  kind: 'sequence',
  resolve: resolveYamlOmap,
  construct: constructYamlOmap
});


/***/ }),

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

var _toString = Object.prototype.toString;

function resolveYamlPairs(data) {
  if (data === null) return true;

  var index, length, pair, keys, result,
      object = data;

  result = new Array(object.length);

  for (index = 0, length = object.length; index < length; index += 1) {
    pair = object[index];

    if (_toString.call(pair) !== '[object Object]') return false;

    keys = Object.keys(pair);

    if (keys.length !== 1) return false;

    result[index] = [ keys[0], pair[keys[0]] ];
  }

  return true;
}

function constructYamlPairs(data) {
  if (data === null) return [];

  var index, length, pair, keys, result,
      object = data;

  result = new Array(object.length);

  for (index = 0, length = object.length; index < length; index += 1) {
    pair = object[index];

    keys = Object.keys(pair);

    result[index] = [ keys[0], pair[keys[0]] ];
  }

  return result;
}

module.exports = new Type('tag:yaml.org,2002:pairs', {
  kind: 'sequence',
  resolve: resolveYamlPairs,
  construct: constructYamlPairs
});


/***/ }),

/***/ 1848:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

module.exports = new Type('tag:yaml.org,2002:seq', {
  kind: 'sequence',
  construct: function (data) { return data !== null ? data : []; }
});


/***/ }),

/***/ 1723:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

var _hasOwnProperty = Object.prototype.hasOwnProperty;

function resolveYamlSet(data) {
  if (data === null) return true;

  var key, object = data;

  for (key in object) {
    if (_hasOwnProperty.call(object, key)) {
      if (object[key] !== null) return false;
    }
  }

  return true;
}

function constructYamlSet(data) {
  return data !== null ? data : {};
}

module.exports = new Type('tag:yaml.org,2002:set', {
  kind: 'mapping',
  resolve: resolveYamlSet,
  construct: constructYamlSet
});


/***/ }),

/***/ 4504:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

module.exports = new Type('tag:yaml.org,2002:str', {
  kind: 'scalar',
  construct: function (data) { return data !== null ? data : ''; }
});


/***/ }),

/***/ 5339:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var Type = __nccwpck_require__(7592);

var YAML_DATE_REGEXP = new RegExp(
  '^([0-9][0-9][0-9][0-9])'          + // [1] year
  '-([0-9][0-9])'                    + // [2] month
  '-([0-9][0-9])$');                   // [3] day

var YAML_TIMESTAMP_REGEXP = new RegExp(
  '^([0-9][0-9][0-9][0-9])'          + // [1] year
  '-([0-9][0-9]?)'                   + // [2] month
  '-([0-9][0-9]?)'                   + // [3] day
  '(?:[Tt]|[ \\t]+)'                 + // ...
  '([0-9][0-9]?)'                    + // [4] hour
  ':([0-9][0-9])'                    + // [5] minute
  ':([0-9][0-9])'                    + // [6] second
  '(?:\\.([0-9]*))?'                 + // [7] fraction
  '(?:[ \\t]*(Z|([-+])([0-9][0-9]?)' + // [8] tz [9] tz_sign [10] tz_hour
  '(?::([0-9][0-9]))?))?$');           // [11] tz_minute

function resolveYamlTimestamp(data) {
  if (data === null) return false;
  if (YAML_DATE_REGEXP.exec(data) !== null) return true;
  if (YAML_TIMESTAMP_REGEXP.exec(data) !== null) return true;
  return false;
}

function constructYamlTimestamp(data) {
  var match, year, month, day, hour, minute, second, fraction = 0,
      delta = null, tz_hour, tz_minute, date;

  match = YAML_DATE_REGEXP.exec(data);
  if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(data);

  if (match === null) throw new Error('Date resolve error');

  // match: [1] year [2] month [3] day

  year = +(match[1]);
  month = +(match[2]) - 1; // JS month starts with 0
  day = +(match[3]);

  if (!match[4]) { // no hour
    return new Date(Date.UTC(year, month, day));
  }

  // match: [4] hour [5] minute [6] second [7] fraction

  hour = +(match[4]);
  minute = +(match[5]);
  second = +(match[6]);

  if (match[7]) {
    fraction = match[7].slice(0, 3);
    while (fraction.length < 3) { // milli-seconds
      fraction += '0';
    }
    fraction = +fraction;
  }

  // match: [8] tz [9] tz_sign [10] tz_hour [11] tz_minute

  if (match[9]) {
    tz_hour = +(match[10]);
    tz_minute = +(match[11] || 0);
    delta = (tz_hour * 60 + tz_minute) * 60000; // delta in mili-seconds
    if (match[9] === '-') delta = -delta;
  }

  date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));

  if (delta) date.setTime(date.getTime() - delta);

  return date;
}

function representYamlTimestamp(object /*, style*/) {
  return object.toISOString();
}

module.exports = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: resolveYamlTimestamp,
  construct: constructYamlTimestamp,
  instanceOf: Date,
  represent: representYamlTimestamp
});


/***/ }),

/***/ 6403:
/***/ ((module) => {

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

/***/ 5401:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: USAGE

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/core/log.ts
/**
 * Where the run tells its reader what is happening: the Actions log (with groups and annotations)
 * on a runner, the terminal locally. Every line passes through the secret registry first.
 */


function actionsLog(core, secrets, write) {
    const annotation = (where) => where
        ? { file: where.file, ...(where.line === undefined ? {} : { startLine: where.line }) }
        : {};
    return {
        // info is written as it is; warning, error, debug and group titles are escaped by core as
        // command data, which keeps them on one line of their own.
        info: message => core.info(inertForRunner(secrets.redact(message))),
        warning: (message, where) => core.warning(secrets.redact(message), annotation(where)),
        error: (message, where) => core.error(secrets.redact(message), annotation(where)),
        debug: message => core.debug(secrets.redact(message)),
        group: async (title, body) => {
            core.startGroup(secrets.redact(title));
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
            const token = randomUUID();
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
function terminalLog(terminal, secrets) {
    let depth = 0;
    const indent = (text) => depth === 0 ? text : text.replace(/^/gm, '  '.repeat(depth));
    const located = (where) => where ? `${where.file}${where.line === undefined ? '' : `:${where.line}`}: ` : '';
    return {
        info: message => void terminal.out(indent(secrets.redact(message)) + '\n'),
        warning: (message, where) => terminal.err(indent(`warning: ${located(where)}${secrets.redact(message)}`) + '\n'),
        error: (message, where) => terminal.err(indent(`error: ${located(where)}${secrets.redact(message)}`) + '\n'),
        debug: message => {
            if (terminal.isVerbose)
                terminal.err(indent(`debug: ${secrets.redact(message)}`) + '\n');
        },
        group: async (title, body) => {
            void terminal.out(indent(`▶ ${secrets.redact(title)}`) + '\n');
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
    /** The same for raw output: bytes without a secret pass through untouched, never decoded. */
    redactBytes(bytes) {
        if (!this.sortedBytes.some(form => bytes.includes(form)))
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
/** One pre-flight condition and its verdict. */
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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
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
function duration_formatDuration(ms) {
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
const PLAIN = new Intl.NumberFormat('en-US', {
    useGrouping: false,
    maximumSignificantDigits: SIGNIFICANT_DIGITS
});
/**
 * A number as a plain decimal, at most 12 significant digits: `0.018`, not `0.018000000000000002`
 * (the sum of two decimals in binary) nor `1e-7`.
 */
function formatDecimal(value) {
    return PLAIN.format(value).replace(/^-0$/, '0');
}
/** The value at the precision it is shown with, so that what is judged is what is shown. */
function roundDecimal(value) {
    return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

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
        return `${formatMetric(min)} to ${formatMetric(max)}`;
    if (max !== undefined)
        return `≤ ${formatMetric(max)}`;
    if (min !== undefined)
        return `≥ ${formatMetric(min)}`;
    return 'any number';
}
/** A sample in the log and the check's last result: the value and its verdict, or what went wrong. */
function describeSample(sample, bounds, timeoutMs) {
    switch (sample.reading) {
        case 'timed-out':
            return `timed out after ${duration_formatDuration(timeoutMs)}`;
        case 'failed': {
            const how = `exit code ${sample.exitCode ?? '?'}`;
            return sample.printed ? `${how}: ${sample.printed}` : how;
        }
        case 'not-a-number':
            return sample.printed
                ? `not a number: the last line printed was ${JSON.stringify(sample.printed)}`
                : 'not a number: it printed nothing';
        case 'number':
            if (sample.verdict === 'above')
                return `${sample.value ?? ''}, above the bound ${formatMetric(bounds.max ?? 0)}`;
            if (sample.verdict === 'below')
                return `${sample.value ?? ''}, below the bound ${formatMetric(bounds.min ?? 0)}`;
            return `${sample.value ?? ''}, within ${describeBounds(bounds)}`;
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
function jobEnvironment(env) {
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
                return { error: `no answer within ${duration_formatDuration(timeoutMs)}` };
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
    if (typeof probeOnce === 'string') {
        record.probes = 0;
        record.lastError = probeOnce;
        run.log.error(`${check.name}: ${probeOnce}`);
        return done(false);
    }
    const probe = async (label) => {
        const result = await probeOnce();
        record.probes++;
        if (result.sample && record.metric) {
            const samples = record.metric.samples;
            samples.push({ n: record.probes, ...result.sample });
            if (samples.length > LIMITS.metricSamples)
                samples.shift();
        }
        if (result.isHealthy) {
            record.lastStatus = result.summary;
            run.log.info(`${label}: healthy (${result.summary})`);
        }
        else {
            record.failures++;
            record.lastError = result.summary;
            run.log.info(`${label}: unhealthy (${result.summary})`);
        }
        return result.isHealthy;
    };
    let isHealthy = false;
    for (let attempt = 1; attempt <= check.retries && !run.signal?.aborted; attempt++) {
        isHealthy = await probe(`probe ${attempt}/${check.retries}`);
        if (isHealthy)
            break;
        if (attempt < check.retries)
            await run.clock.sleep(check.intervalMs, run.signal);
    }
    if (!isHealthy || run.signal?.aborted) {
        run.log.error(`✖ ${check.name}: no healthy answer in ${check.retries} probe(s) (last: ${record.lastError ?? 'none'})`);
        return done(false);
    }
    if (check.watchMs > 0) {
        const watchEnds = run.clock.now() + check.watchMs;
        const pauseMs = Math.max(check.intervalMs, 1_000);
        let watchFailures = 0;
        run.log.info(`watching for ${duration_formatDuration(check.watchMs)}, tolerating ${check.failureLimit} failure(s)`);
        while (run.clock.now() + pauseMs <= watchEnds && !run.signal?.aborted) {
            await run.clock.sleep(pauseMs, run.signal);
            if (!(await probe(`watch ${duration_formatDuration(check.watchMs - (watchEnds - run.clock.now()))}`))) {
                watchFailures++;
                if (watchFailures > check.failureLimit) {
                    run.log.error(`✖ ${check.name}: ${watchFailures} failure(s) while watching, more than the ${check.failureLimit} tolerated`);
                    return done(false);
                }
            }
        }
    }
    run.log.info(`✔ ${check.name}: healthy after ${record.probes} probe(s)`);
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
        return async () => {
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
    }
    if (check.kind === 'command') {
        return async () => {
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
                return { isHealthy: true, summary: 'exit code 0' };
            // Shortened only once redacted: a cut inside a secret would show the part before it.
            const lastLine = run.log.redact(result.outputTail.trim().split('\n').pop() ?? '');
            const how = result.status === 'timed-out'
                ? `timed out after ${duration_formatDuration(check.timeoutMs)}`
                : `exit code ${result.exitCode ?? result.signal ?? '?'}`;
            return { isHealthy: false, summary: lastLine ? `${how}: ${lastLine.slice(0, 200)}` : how };
        };
    }
    const { value: url, missing } = expandUrl(check.url, run.env);
    if (missing.length > 0)
        return `url ${check.url} uses ${missing.map(name => `\${${name}}`).join(', ')}, which is not set: set it (or the environment's url) before the check`;
    if (!/^https?:\/\//.test(url))
        return `url '${check.url}' is not an http(s) URL`;
    const target = withoutCredentials(url);
    if (typeof target === 'string')
        return target;
    return async () => {
        const answer = await run.probe.get(target.url, check.timeoutMs, run.signal, target.headers);
        if ('error' in answer)
            return { isHealthy: false, summary: `${target.shown}: ${answer.error}` };
        const isStatusOk = check.expectStatus
            ? check.expectStatus.includes(answer.status)
            : answer.status >= 200 && answer.status < 300;
        if (!isStatusOk) {
            return {
                isHealthy: false,
                summary: `HTTP ${answer.status}, expected ${check.expectStatus?.join(' or ') ?? '2xx'}`
            };
        }
        if (check.expectBody !== undefined && !answer.body.includes(check.expectBody)) {
            return {
                isHealthy: false,
                summary: `HTTP ${answer.status}, body lacks '${check.expectBody}'`
            };
        }
        return { isHealthy: true, summary: `HTTP ${answer.status}` };
    };
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
        return 'the health check url is not a valid URL once its variables are expanded';
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
        clearTimeout(this.timer);
        const last = chunk.lastIndexOf(NEWLINE);
        if (last === -1) {
            this.partial = this.partial ? Buffer.concat([this.partial, chunk]) : Buffer.from(chunk);
            if (this.partial.length > this.maxPartial)
                return this.flushPartial();
            this.timer = setTimeout(() => void this.flushPartial(), this.idleMs);
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
            this.timer = setTimeout(() => void this.flushPartial(), this.idleMs);
        const wait = this.emit(head);
        if (body.length === 0)
            return wait;
        return wait ? wait.then(() => this.emit(body)) : this.emit(body);
    }
    /** The end of the output: everything still held goes out. */
    flush() {
        clearTimeout(this.timer);
        const rest = this.partial;
        this.partial = undefined;
        return rest ? this.emit(rest) : undefined;
    }
    /** A partial line goes out early, all but the bytes that could begin a secret. */
    flushPartial() {
        clearTimeout(this.timer);
        const partial = this.partial;
        if (!partial)
            return undefined;
        const kept = this.holdBack(partial);
        if (kept >= partial.length)
            return undefined;
        this.partial = kept > 0 ? Buffer.from(partial.subarray(partial.length - kept)) : undefined;
        return this.emit(partial.subarray(0, partial.length - kept));
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
    const name = placement.undoes === undefined ? step.name : `Undo: ${step.name}`;
    const title = `${placement.label}: ${name} [${step.id}]`;
    return log.group(title, async () => {
        if (step.purpose && placement.phase !== 'rollback')
            log.info(`Purpose: ${step.purpose}`);
        log.info(`Environment: ${run.deployment.environment}${run.url ? ` (${run.url})` : ''}`);
        if (placement.weight !== undefined)
            log.info(`Canary weight: ${placement.weight}%`);
        log.info(`Target: ${step.target ?? 'every selected target'} · working directory: ${step.workingDirectory}`);
        if (placement.phase !== 'rollback')
            log.info(`Rollback point: ${placement.rollbackPoint}`);
        const startedAt = new Date(run.clock.now()).toISOString();
        const base = { id: step.id, name: step.name, phase: placement.phase, startedAt, outputs: {} };
        const record = {
            ...base,
            ...(step.target === undefined ? {} : { target: step.target }),
            ...(placement.undoes === undefined ? {} : { undoes: placement.undoes }),
            ...(placement.weight === undefined ? {} : { weight: placement.weight })
        };
        const cwd = external_node_path_default().resolve(run.root, step.workingDirectory);
        // Checked before every step, not once: an earlier step may have replaced the folder with a link.
        const problem = workingDirectoryProblem(run.root, cwd, step.workingDirectory);
        if (problem) {
            log.error(`${step.id}: ${problem}`);
            return { ...record, status: 'failed', durationMs: 0, note: problem };
        }
        // A name no earlier step used: the step's first `>>` creates it, so it starts empty. A canary
        // step runs once per increment, each run with a file of its own.
        const runName = placement.weight === undefined ? step.id : `${step.id}-${placement.weight}`;
        const outputFile = external_node_path_default().join(run.scratchDir, `${placement.phase}-${runName}.out`);
        const env = stepEnvironment({
            job: run.job,
            variables: run.variables,
            stepEnv: step.env,
            deployment: run.deployment,
            url: run.url,
            outputFile,
            ...(step.target === undefined ? {} : { target: step.target }),
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
                onStart: processGroup => run.onStarted?.(step.id, processGroup)
            });
            await lines.flush();
            return outcome;
        });
        const outputs = parseOutputFile(readOutputFile(outputFile));
        const note = describeEnd(result.status, timeoutMs, result.error);
        const finished = `${result.status === 'succeeded' ? '✔' : '✖'} ${step.id} ${note ?? 'succeeded'} after ${duration_formatDuration(result.durationMs)}${result.exitCode === undefined ? '' : ` (exit code ${result.exitCode})`}${result.signal ? ` (${result.signal})` : ''}`;
        if (result.status === 'succeeded')
            log.info(finished);
        else
            log.error(finished);
        if (result.hasLingeringOutput) {
            log.warning(`${step.id} left background processes holding its output open; they were not stopped`);
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
            return `timed out after ${duration_formatDuration(timeoutMs)}; its process group was stopped`;
        case 'cancelled':
            return 'was cancelled; its process group was stopped';
        case 'failed':
            return 'failed';
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
        const stat = (0,external_node_fs_namespaceObject.lstatSync)(file);
        if (!stat.isFile() || stat.size > MAX_OUTPUT_FILE_BYTES)
            return '';
        return (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8');
    }
    catch {
        return '';
    }
}
function workingDirectoryProblem(root, cwd, written) {
    if (!isInsideReal(root, cwd))
        return `working-directory '${written}' resolves outside the project root`;
    const stat = (0,external_node_fs_namespaceObject.statSync)(cwd, { throwIfNoEntry: false });
    if (!stat)
        return `working-directory '${written}' does not exist`;
    return stat.isDirectory() ? undefined : `working-directory '${written}' is not a folder`;
}

;// CONCATENATED MODULE: ./src/execution/rollback.ts

/**
 * The steps a rollback runs, in order, each with the script it runs. A canary step that ran at
 * several increments is undone once, with the weight of its latest run; the plan's rollback steps
 * see the weight the run had reached.
 */
function rollbackSequence(request) {
    const ran = request.executed.filter(record => record.status !== 'skipped').reverse();
    const undone = new Set();
    const own = ran.flatMap(record => {
        const step = request.steps.get(record.id);
        if (step?.rollback === undefined || undone.has(step.id))
            return [];
        undone.add(step.id);
        const weight = record.weight === undefined ? {} : { weight: record.weight };
        return [{ step, script: step.rollback, undoes: step.id, ...weight }];
    });
    const weights = ran.flatMap(record => (record.weight === undefined ? [] : [record.weight]));
    const reached = weights.length > 0 ? { weight: Math.max(...weights) } : {};
    return [
        ...own,
        ...request.planRollbackSteps.map(step => ({ step, script: step.run, ...reached }))
    ];
}
async function runRollback(request, run, options = {}) {
    const sequence = rollbackSequence(request);
    const records = [...(options.done ?? [])].slice(0, sequence.length);
    run.log.warning(records.length === 0
        ? `Rolling back after the failure of ${request.cause}: ${sequence.length} rollback step(s)`
        : `Resuming the rollback after the failure of ${request.cause}: ${records.length} of ${sequence.length} rollback step(s) had finished`);
    for (const [index, { step, script, undoes, weight }] of sequence.entries()) {
        if (index < records.length)
            continue;
        const record = await runStep(step, {
            phase: 'rollback',
            label: `Rollback ${index + 1}/${sequence.length}`,
            rollbackPoint: 'this is the rollback',
            failedStep: request.cause,
            script,
            undoes,
            ...(weight === undefined ? {} : { weight })
        }, run);
        records.push(record);
        await options.onStepDone?.(record);
    }
    const isComplete = records.every(record => record.status === 'succeeded');
    const durationMs = Math.max(0, run.clock.now() - request.failedAt);
    if (isComplete)
        run.log.info(`Rollback complete: ${records.length} step(s) succeeded`);
    else
        run.log.error(`Rollback incomplete: ${records
            .filter(record => record.status !== 'succeeded')
            .map(record => record.id)
            .join(', ')} did not succeed; check the environment by hand`);
    return { cause: request.cause, steps: records, isComplete, durationMs };
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
        const progress = async (extra = {}) => {
            await deps.onProgress?.({
                steps: [...steps],
                health: [...health],
                deployUrl: run.url,
                ...extra
            });
        };
        for (const phase of runPlan.phases) {
            const { weight } = phase;
            runningWeight = weight;
            for (const step of phase.steps) {
                planSteps.set(step.id, step);
                if (!failure && deps.signal?.aborted) {
                    // Cancelled between steps: the next one is not started at all.
                    failure = { cause: 'cancellation', at: deps.clock.now(), isCancel: true };
                }
                if (failure) {
                    const why = failure.isCancel && failure.cause === 'cancellation'
                        ? 'not run: the run was cancelled'
                        : `not run: ${failure.cause} failed first`;
                    steps.push(skippedRecord(step, phase.kind, why, weight));
                    continue;
                }
                await progress({
                    runningStep: step.id,
                    ...(weight === undefined ? {} : { runningWeight: weight })
                });
                const record = await runStep(step, {
                    phase: phase.kind,
                    label: `Step ${steps.length + 1}/${total}${weight === undefined ? '' : ` at ${weight}%`}`,
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
                        const warning = `step ${step.id} reported url=${JSON.stringify(deps.log.redact(reportedUrl).slice(0, 200))}, which was ignored: ${problem}`;
                        warnings.push(warning);
                        deps.log.warning(warning);
                    }
                }
                // No journal write here: the next step's "starting" write, or the phase's end, records it.
                if (record.status === 'succeeded')
                    continue;
                if (record.status === 'failed' && step.continueOnError) {
                    warnings.push(`step ${step.id} failed and was passed over (continue-on-error)`);
                    continue;
                }
                failure = { cause: step.id, at: deps.clock.now(), isCancel: record.status === 'cancelled' };
            }
            if (failure)
                continue;
            // The phase's steps are journaled as done before a long analysis starts.
            if (phase.health.length > 0)
                await progress();
            failure = await checkHealth(phase, run, { ...deps, baselines: input.baselines }, health);
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
                const rollbackRun = {
                    ...run,
                    signal: undefined,
                    onStarted: (stepId, processGroup) => void progress({
                        pendingRollback: pending,
                        rollingBack: { done: [...done], running: stepId },
                        runningProcessGroup: processGroup
                    })
                };
                rollback = await runRollback({
                    executed: steps,
                    steps: planSteps,
                    planRollbackSteps: runPlan.rollbackSteps,
                    cause: failure.cause,
                    failedAt: failure.at
                }, rollbackRun, {
                    onStepDone: async (record) => {
                        done.push(record);
                        await progress({ pendingRollback: pending, rollingBack: { done: [...done] } });
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
                    warnings.push('rollback-on-failure is false: nothing was undone; the environment may be half-deployed');
            }
        }
        return {
            status,
            steps,
            health,
            ...(pendingRollback ? { pendingRollback } : {}),
            ...(rollback ? { rollback } : {}),
            ...(run.url ? { deployUrl: run.url } : {}),
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
        const what = phase.kind === 'canary' ? 'Canary analysis' : 'Health check';
        const at = weight === undefined ? '' : ` at ${weight}%`;
        const label = `${what}${at} ${index + 1}/${checks.length}: ${check.name}`;
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
        const warning = `the environment url ${template} uses ${missing.join(', ')}, which is not set: DEPLOY_URL starts empty`;
        warnings.push(warning);
        log.warning(warning);
        return '';
    }
    return value;
}
/**
 * Why a URL a step reported cannot be the deployment's URL: it goes to the deploy-url output, the
 * GitHub deployment and every later step, so it must be a plain http(s) address.
 */
function urlProblem(url) {
    // eslint-disable-next-line no-control-regex
    if (/[\s\u0000-\u001f\u007f]/.test(url))
        return 'it holds white space or control characters';
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return 'it is not a URL; write an absolute http(s) URL';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return `only http and https URLs are taken, not ${parsed.protocol}`;
    return undefined;
}
function rollbackPointOf(step, input) {
    const point = input.deployment.rollbackPoint;
    const previous = point ? `; previous version ${point.version}` : '';
    return step.rollback
        ? `${step.rollback}${previous}`
        : `none of its own (the plan's rollback steps apply)${previous}`;
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
        deps.log.warning(`the baseline of '${check.name}' could not be measured (${describeSample(measured.sample, {}, check.timeoutMs)}): baseline.required is false, so its relative bounds are off for this run and only max/min apply`);
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
        const label = `baseline sample ${n}/${wanted}`;
        if (value === undefined) {
            deps.log.error(`${label}: ${describeSample(sample, {}, check.timeoutMs)}`);
            return { kind: 'unmeasurable', record: record(), sample };
        }
        deps.log.info(`${label}: ${sample.value ?? ''}`);
        numbers.push(value);
    }
    const value = median(numbers);
    const increase = check.metric.baseline.maxIncrease;
    const decrease = check.metric.baseline.maxDecrease;
    deps.log.info(`✔ ${check.name}: baseline ${formatMetric(value)} (median of ${wanted})`);
    if (value === 0 && (increase?.kind === 'percent' || decrease?.kind === 'percent'))
        deps.log.warning(`the baseline of '${check.name}' is 0: a percentage of it allows no change at all; give max-increase or max-decrease as an amount (a number) to allow some`);
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
        return 'is empty';
    if (/[/\\]/.test(slug))
        return 'contains a path separator';
    if (slug.includes('..'))
        return "contains '..'";
    if (slug.startsWith('.'))
        return "starts with '.'";
    if (slug === OPENLOGOS.archiveDirName)
        return 'names the archive folder';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(slug))
        return 'contains a control character';
    return undefined;
}
async function locateProposal(input) {
    const changes = external_node_path_default().join(input.root, OPENLOGOS.changesDir);
    const guard = await readGuard(input.root);
    if (guard.kind === 'invalid')
        return guard.location;
    if (guard.kind === 'absent') {
        return {
            kind: 'not-found',
            problem: `no active proposal: ${OPENLOGOS.guardFile} is missing or names none (OpenLogos answers NO_ACTIVE_CHANGE)`,
            fix: `make the proposal active with openlogos change <slug>, and commit ${OPENLOGOS.guardFile} with it`
        };
    }
    const wanted = input.proposalInput?.trim();
    if (wanted !== undefined && wanted !== guard.slug) {
        return {
            kind: 'not-found',
            problem: `the proposal input '${wanted}' is not the active proposal: ${OPENLOGOS.guardFile} names '${guard.slug}', and OpenLogos would go on reporting '${guard.slug}' as ready to deploy`,
            fix: `deploy '${guard.slug}' (leave the proposal input empty), or make '${wanted}' the active proposal first`
        };
    }
    const found = await checkCandidate(changes, guard.slug, wanted === undefined ? 'guard' : 'guard-and-input', OPENLOGOS.guardFile);
    return found.kind === 'found' && guard.module ? { ...found, guardModule: guard.module } : found;
}
async function readGuard(root) {
    const file = external_node_path_default().join(root, OPENLOGOS.guardFile);
    let text;
    try {
        text = await external_node_fs_namespaceObject.promises.readFile(file, 'utf8');
    }
    catch {
        return { kind: 'absent' };
    }
    const fix = `fix or delete ${OPENLOGOS.guardFile} (it should read {"activeChange":"<slug>"}), or set the proposal input`;
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        // The parser's message quotes the file's text: never copy a file's bytes into a report.
        const problem = `${OPENLOGOS.guardFile} is not JSON`;
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        const problem = `${OPENLOGOS.guardFile} is not a JSON object`;
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    const record = data;
    const raw = record['activeChange'];
    // openlogos deploy-done trims it; an empty one means no active proposal.
    const active = typeof raw === 'string' ? raw.trim() : raw;
    if (active === undefined || active === null || active === '')
        return { kind: 'absent' };
    if (typeof active !== 'string') {
        const problem = `${OPENLOGOS.guardFile} field activeChange is not a string`;
        return { kind: 'invalid', location: { kind: 'not-found', problem, fix } };
    }
    const module = typeof record['module'] === 'string' ? record['module'] : undefined;
    return module ? { kind: 'active', slug: active, module } : { kind: 'active', slug: active };
}
async function checkCandidate(changes, slug, source, origin) {
    const problem = slugProblem(slug);
    if (problem !== undefined) {
        return {
            kind: 'not-found',
            problem: `proposal '${slug}' from ${origin} ${problem}: a proposal is a plain folder name under ${OPENLOGOS.changesDir}/`,
            fix: `name the proposal by its folder, e.g. 'add-login' for ${OPENLOGOS.changesDir}/add-login/`
        };
    }
    if (await isDirectory(external_node_path_default().join(changes, slug)))
        return { kind: 'found', slug, source };
    if (await isLink(external_node_path_default().join(changes, slug)))
        return {
            kind: 'not-found',
            problem: `proposal '${slug}' from ${origin} is a symbolic link (${OPENLOGOS.changesDir}/${slug}): the action writes its markers only inside the project`,
            fix: 'make the proposal a folder of the project, not a link'
        };
    const archived = await archivedAs(changes, slug);
    if (archived) {
        return {
            kind: 'not-found',
            problem: `proposal '${slug}' from ${origin} is archived (${OPENLOGOS.changesDir}/${OPENLOGOS.archiveDirName}/${archived}): archived proposals are never deployed`,
            fix: 'deploy an open proposal, or point the guard at the active one'
        };
    }
    return {
        kind: 'not-found',
        problem: `proposal '${slug}' from ${origin} does not exist: there is no folder ${OPENLOGOS.changesDir}/${slug}/`,
        fix: `check the spelling (open proposals: see ${OPENLOGOS.changesDir}/), or set the proposal input`
    };
}
async function archivedAs(changes, slug) {
    const archive = external_node_path_default().join(changes, OPENLOGOS.archiveDirName);
    const names = await external_node_fs_namespaceObject.promises.readdir(archive).catch(() => []);
    return names.find(name => name === slug || name.endsWith(`-${slug}`));
}
async function isDirectory(folder) {
    const stat = await external_node_fs_namespaceObject.promises.lstat(folder).catch(() => undefined);
    return stat?.isDirectory() ?? false;
}
async function isLink(file) {
    const stat = await external_node_fs_namespaceObject.promises.lstat(file).catch(() => undefined);
    return stat?.isSymbolicLink() ?? false;
}

;// CONCATENATED MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
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
var js_yaml_int;
var hasRequiredInt;
function requireInt() {
  if (hasRequiredInt) return js_yaml_int;
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
  js_yaml_int = new Type2("tag:yaml.org,2002:int", {
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
  return js_yaml_int;
}
var js_yaml_float;
var hasRequiredFloat;
function requireFloat() {
  if (hasRequiredFloat) return js_yaml_float;
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
  js_yaml_float = new Type2("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: resolveYamlFloat,
    construct: constructYamlFloat,
    predicate: isFloat,
    represent: representYamlFloat,
    defaultStyle: "lowercase"
  });
  return js_yaml_float;
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
var js_yaml_core;
var hasRequiredCore;
function requireCore() {
  if (hasRequiredCore) return js_yaml_core;
  hasRequiredCore = 1;
  js_yaml_core = requireJson();
  return js_yaml_core;
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
function util_assignProp(target, prop, value) {
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
            util_assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        util_assignProp(target, key, value);
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
const util_allowsEval = /* @__PURE__*/ cached(() => {
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
});
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
function util_merge(a, b) {
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
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/memoizer.js

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack, resolve);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (spread && !desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = rawShape(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw, true) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a new built-in kind becomes a compile error here
            kind;
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
/**
 * Whether one parse can re-enter this schema, i.e. its subtree contains a cycle.
 * Exported for `z.compile`, which refuses to compile such a schema: cycle
 * breaking is driven from here off state keyed on the parse context, and a
 * generated fast path has no context to key on.
 */
function isRecursiveSchema(inst) {
    // z.compile never parses, so nothing would ever resolve a lazy for it; it runs once and already treats a throw here as recursive
    return isRecursive(inst, new Set(), true) !== NONE;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const memoizer_open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        memoizer_open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set(), false);
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = memoizer_open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = memoizer_open.length > depth ? memoizer_open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

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
const _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
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
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function regexes_anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ regexes_anchor(dateSource);
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
const regexes_null = /^null$/i;

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
/*@__PURE__*/ $constructor("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : floatSafeRemainder(payload.value, def.value) === 0;
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
});
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
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = getLengthableOrigin(input);
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
});
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
const $ZodCheckLengthEquals = /*@__PURE__*/ $constructor("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? codePointLength(input)
            : units;
        if (length === def.length)
            return;
        const origin = getLengthableOrigin(input);
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
});
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
const $ZodCheckLowerCase = /*@__PURE__*/ $constructor("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = lowercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ $constructor("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = uppercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ $constructor("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = escapeRegex(def.includes);
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
});
const $ZodCheckStartsWith = /*@__PURE__*/ $constructor("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
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
});
const $ZodCheckEndsWith = /*@__PURE__*/ $constructor("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
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
});
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(...prefixIssues(property, result.issues));
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
const $ZodCheckProperties = /*@__PURE__*/ $constructor("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    hide(inst, Symbol.iterator, function* () {
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
});
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

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/doc.js
class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

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
const $ZodStringFormat = /*@__PURE__*/ $constructor("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    $ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ $constructor("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = guid);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ $constructor("$ZodUUID", (inst, def) => {
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
        def.pattern ?? (def.pattern = uuid(v));
    }
    else
        def.pattern ?? (def.pattern = uuid());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ $constructor("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = email);
    $ZodStringFormat.init(inst, def);
});
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
    if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
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
const $ZodURL = /*@__PURE__*/ $constructor("$ZodURL", (inst, def) => {
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
});
const $ZodEmoji = /*@__PURE__*/ $constructor("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = emoji());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ $constructor("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? nanoid : nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ $constructor("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = cuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ $constructor("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = cuid2);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ $constructor("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = ulid);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ $constructor("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = xid);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ $constructor("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = ksuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ $constructor("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = datetime(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ $constructor("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = date);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ $constructor("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = time(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ $constructor("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = duration);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ $constructor("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = ipv4);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ $constructor("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = ipv6);
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
});
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ $constructor("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv4);
    $ZodStringFormat.init(inst, def);
});
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
const $ZodCIDRv6 = /*@__PURE__*/ $constructor("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv6); // not used for validation
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
});
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
const $ZodBase64 = /*@__PURE__*/ $constructor("$ZodBase64", (inst, def) => {
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
});
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
const $ZodBase64URL = /*@__PURE__*/ $constructor("$ZodBase64URL", (inst, def) => {
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
});
const $ZodE164 = /*@__PURE__*/ $constructor("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = e164);
    $ZodStringFormat.init(inst, def);
});
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
const $ZodJWT = /*@__PURE__*/ $constructor("$ZodJWT", (inst, def) => {
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
});
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
const $ZodBigInt = /*@__PURE__*/ $constructor("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = bigint;
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
});
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
const $ZodDate = /*@__PURE__*/ $constructor("$ZodDate", (inst, def) => {
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
});
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
    const memo = globalConfig.memoizer;
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
                    util_assignProp(propValues, key, new Set());
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
    const memo = globalConfig.memoizer;
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
const $ZodObjectJIT = /*@__PURE__*/ $constructor("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = cached(() => normalizeDef(def));
    const memo = globalConfig.memoizer;
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
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
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
    const isObject = util_isObject;
    const jit = !globalConfig.jitless;
    const allowsEval = util_allowsEval;
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
});
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
const $ZodIntersection = /*@__PURE__*/ $constructor("$ZodIntersection", (inst, def) => {
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
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (isPlainObject(a) && isPlainObject(b)) {
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
        if (aborted(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ $constructor("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = globalConfig.memoizer;
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
                    itemAborted = aborted(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (aborted(payload, seen))
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
});
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
        final.issues.push(...prefixIssues(index, result.issues));
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
            final.issues.push(...prefixIssues(i, r.issues));
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
    const memo = globalConfig.memoizer;
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
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
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
});
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
    globalConfig.memoizer?.guard(inst);
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
const $ZodExactOptional = /*@__PURE__*/ $constructor("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
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
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
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
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ $constructor("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
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
});
const $ZodNonOptional = /*@__PURE__*/ $constructor("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => {
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
});
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
            issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
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
});
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
const $ZodReadonly = /*@__PURE__*/ $constructor("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
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
});
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
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
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
        ...normalizeParams(params),
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
        ...normalizeParams(params),
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
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
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
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
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
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
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
        ...normalizeParams(params),
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
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...normalizeParams(params),
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
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
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
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
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
    return new $ZodCheckMultipleOf({
        check: "multiple_of",
        ...normalizeParams(params),
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
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...normalizeParams(params),
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
    return new $ZodCheckLengthEquals({
        check: "length_equals",
        ...normalizeParams(params),
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
    return new $ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new $ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new $ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...normalizeParams(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new $ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...normalizeParams(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new $ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...normalizeParams(params),
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
    return new $ZodCheckProperties({
        check: "properties",
        shape,
        ...normalizeParams(params),
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
    return _overwrite((input) => slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...normalizeParams(params),
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
function api_default(Class, innerType, defaultValue) {
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

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/to-json-schema.js


function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                util_assignProp(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function to_json_schema_initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? globalRegistry,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function to_json_schema_processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            to_json_schema_processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
/** @deprecated Renamed to `processSchema`. An export alias declares no binding, so it is safe to keep. */

// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function to_json_schema_extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            util_assignProp(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function to_json_schema_finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") {
        // OpenAPI 3.0 schema objects should not include a $schema property
    }
    else {
        // Arbitrary string values are allowed but won't have a $schema property set
    }
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                util_assignProp(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) {
    }
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = to_json_schema_initializeContext({ ...params, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = to_json_schema_initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/json-schema-processors.js




const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(NUMBER_FORMAT_RANGES),
    bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, base64],
    [base64urlCharset, base64url],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const bigintProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "BigInt cannot be represented in JSON Schema");
};
const symbolProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Symbols cannot be represented in JSON Schema");
};
const nullProcessor = (_schema, ctx, json, _params) => {
    if (ctx.target === "openapi-3.0") {
        json.type = "string";
        json.nullable = true;
        json.enum = [null];
    }
    else {
        json.type = "null";
    }
};
const undefinedProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Undefined cannot be represented in JSON Schema");
};
const voidProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Void cannot be represented in JSON Schema");
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const anyProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const dateProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Date cannot be represented in JSON Schema");
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = getEnumValues(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) {
        // do nothing (an undefined literal was stripped)
    }
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const nanProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "NaN cannot be represented in JSON Schema");
};
const templateLiteralProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    const pattern = schema._zod.pattern;
    if (!pattern)
        throw new Error("Pattern not found in template literal");
    _json.type = "string";
    _json.pattern = pattern.source;
};
const fileProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    _json.type = "string";
    _json.format = "binary";
    _json.contentEncoding = "binary";
    const { minimum, maximum, mime } = aggregateChecks(schema);
    if (minimum !== undefined)
        _json.minLength = minimum;
    if (maximum !== undefined)
        _json.maxLength = maximum;
    if (!mime)
        return;
    // an empty intersection means the mime checks share no value, so nothing passes at runtime; `anyOf` must be non-empty, so the false schema is `not: {}`
    if (mime.length === 0)
        _json.not = {};
    else if (mime.length === 1)
        _json.contentMediaType = mime[0];
    // only contentMediaType differs, so the shared props stay at the root
    else
        _json.anyOf = mime.map((m) => ({ contentMediaType: m }));
};
const successProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const functionProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Function types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const mapProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Map cannot be represented in JSON Schema");
};
const setProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Set cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = to_json_schema_processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        util_assignProp(json.properties, key, to_json_schema_processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = to_json_schema_processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = to_json_schema_processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = to_json_schema_processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
const tupleProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "array";
    const prefixPath = ctx.target === "draft-2020-12" ? "prefixItems" : "items";
    const restPath = ctx.target === "draft-2020-12" ? "items" : ctx.target === "openapi-3.0" ? "items" : "additionalItems";
    const prefixItems = def.items.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, prefixPath, i],
    }));
    const rest = def.rest
        ? to_json_schema_processSchema(def.rest, ctx, {
            ...params,
            path: [...params.path, restPath, ...(ctx.target === "openapi-3.0" ? [def.items.length] : [])],
        })
        : null;
    let minItems = def.items.length;
    while (minItems > 0) {
        const item = def.items[minItems - 1];
        const optional = ctx.io === "input" ? inputOptin(item) !== undefined : item._zod.optout === "optional";
        if (!optional)
            break;
        minItems--;
    }
    const maxItems = def.items.length;
    const isClosed = !def.rest;
    if (ctx.target === "draft-2020-12") {
        json.prefixItems = prefixItems;
        if (isClosed) {
            json.items = false;
        }
        else if (rest) {
            json.items = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else if (ctx.target === "openapi-3.0") {
        json.items = {
            anyOf: prefixItems,
        };
        if (rest) {
            json.items.anyOf.push(rest);
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else {
        json.items = prefixItems;
        if (isClosed) {
            json.additionalItems = false;
        }
        else if (rest) {
            json.additionalItems = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    // explicit user-defined length checks take precedence
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? number : integer).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            util_assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = to_json_schema_processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const promiseProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const lazyProcessor = (schema, ctx, _json, params) => {
    const innerType = schema._zod.innerType;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
// ==================== ALL PROCESSORS ====================
const allProcessors = {
    string: stringProcessor,
    number: numberProcessor,
    boolean: booleanProcessor,
    bigint: bigintProcessor,
    symbol: symbolProcessor,
    null: nullProcessor,
    undefined: undefinedProcessor,
    void: voidProcessor,
    never: neverProcessor,
    any: anyProcessor,
    unknown: unknownProcessor,
    date: dateProcessor,
    enum: enumProcessor,
    literal: literalProcessor,
    nan: nanProcessor,
    template_literal: templateLiteralProcessor,
    file: fileProcessor,
    success: successProcessor,
    custom: customProcessor,
    function: functionProcessor,
    transform: transformProcessor,
    map: mapProcessor,
    set: setProcessor,
    array: arrayProcessor,
    object: objectProcessor,
    union: unionProcessor,
    intersection: intersectionProcessor,
    tuple: tupleProcessor,
    record: recordProcessor,
    nullable: nullableProcessor,
    nonoptional: nonoptionalProcessor,
    default: defaultProcessor,
    prefault: prefaultProcessor,
    catch: catchProcessor,
    pipe: pipeProcessor,
    readonly: readonlyProcessor,
    promise: promiseProcessor,
    optional: optionalProcessor,
    lazy: lazyProcessor,
};
function toJSONSchema(input, params) {
    if ("_idmap" in input) {
        // Registry case
        const registry = input;
        const ctx = initializeContext({ ...params, processors: allProcessors });
        const defs = {};
        // First pass: process all schemas to build the seen map
        for (const entry of registry._idmap.entries()) {
            const [_, schema] = entry;
            processSchema(schema, ctx);
        }
        const schemas = {};
        const external = {
            registry,
            uri: params?.uri,
            defs,
        };
        // Update the context with external configuration
        ctx.external = external;
        // Second pass: emit each schema
        for (const entry of registry._idmap.entries()) {
            const [key, schema] = entry;
            extractDefs(ctx, schema);
            assignProp(schemas, key, finalize(ctx, schema));
        }
        if (Object.keys(defs).length > 0) {
            const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
            schemas.__shared = {
                [defsSegment]: defs,
            };
        }
        return { schemas };
    }
    // Single schema case
    const ctx = initializeContext({ ...params, processors: allProcessors });
    processSchema(input, ctx);
    extractDefs(ctx, input);
    return finalize(ctx, input);
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
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
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
        throw new $ZodAsyncError();
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

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/errors.js



/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const errors_initializer = (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodError = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodError", errors_initializer)));
const ZodRealError = /*@__PURE__*/ $constructor("ZodError", errors_initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/parse.js


const classic_parse_parse = /* @__PURE__ */ _parse(ZodRealError);
const classic_parse_parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const parse_safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const parse_safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);

// Codec functions
const parse_encode = /* @__PURE__ */ _encode(ZodRealError);
const parse_decode = /* @__PURE__ */ _decode(ZodRealError);
const parse_encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const parse_decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const parse_safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const parse_safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const parse_safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const parse_safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/schemas.js








// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!globalConfig.localeError)
        config(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!globalConfig.memoizer)
        config({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ $constructor("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(mergeDefs(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return clone(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(_overwrite(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return schemas_default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return schemas_catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        globalRegistry.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return globalRegistry.get(this);
        const cl = this.clone();
        globalRegistry.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return hide(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return classic_parse_parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await classic_parse_parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return parse_safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return parse_safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        own(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return parse_validateAsync(this, data, params);
    },
    encode: function _encode(data, params) {
        return parse_encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return parse_decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await parse_encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await parse_decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return parse_safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return parse_safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return parse_safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return parse_safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return globalRegistry.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ $constructor("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(_regex(...args));
    },
    includes(...args) {
        return this.check(_includes(...args));
    },
    startsWith(...args) {
        return this.check(_startsWith(...args));
    },
    endsWith(...args) {
        return this.check(_endsWith(...args));
    },
    min(...args) {
        return this.check(_minLength(...args));
    },
    max(...args) {
        return this.check(_maxLength(...args));
    },
    length(...args) {
        return this.check(_length(...args));
    },
    nonempty(...args) {
        return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
        return this.check(_lowercase(params));
    },
    uppercase(params) {
        return this.check(_uppercase(params));
    },
    trim() {
        return this.check(_trim());
    },
    normalize(...args) {
        return this.check(_normalize(...args));
    },
    toLowerCase() {
        return this.check(_toLowerCase());
    },
    toUpperCase() {
        return this.check(_toUpperCase());
    },
    slugify() {
        return this.check(_slugify());
    },
}));
const ZodString = /*@__PURE__*/ $constructor("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(_email(ZodEmail, params));
    },
    url(params) {
        return this.check(_url(ZodURL, params));
    },
    jwt(params) {
        return this.check(_jwt(ZodJWT, params));
    },
    emoji(params) {
        return this.check(api_emoji(ZodEmoji, params));
    },
    guid(params) {
        return this.check(_guid(ZodGUID, params));
    },
    uuid(params) {
        return this.check(_uuid(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(_uuidv4(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(_uuidv6(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(_uuidv7(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(_nanoid(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(_cuid(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(_cuid2(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(_ulid(ZodULID, params));
    },
    base64(params) {
        return this.check(_base64(ZodBase64, params));
    },
    base64url(params) {
        return this.check(_base64url(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(_xid(ZodXID, params));
    },
    ksuid(params) {
        return this.check(_ksuid(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(_ipv4(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(_ipv6(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(_cidrv4(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(_cidrv6(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(_e164(ZodE164, params));
    },
    datetime(params) {
        return this.check(_isoDateTime(ZodISODateTime, params));
    },
    date(params) {
        return this.check(_isoDate(ZodISODate, params));
    },
    time(params) {
        return this.check(_isoTime(ZodISOTime, params));
    },
    duration(params) {
        return this.check(_isoDuration(ZodISODuration, params));
    },
});
function schemas_string(params) {
    return _string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ $constructor("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ $constructor("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ $constructor("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ $constructor("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ $constructor("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ $constructor("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_email(params) {
    return core._email(ZodEmail, params);
}
const ZodGUID = /*@__PURE__*/ $constructor("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_guid(params) {
    return core._guid(ZodGUID, params);
}
const ZodUUID = /*@__PURE__*/ $constructor("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_uuid(params) {
    return core._uuid(ZodUUID, params);
}
function uuidv4(params) {
    return core._uuidv4(ZodUUID, params);
}
// ZodUUIDv6
function uuidv6(params) {
    return core._uuidv6(ZodUUID, params);
}
// ZodUUIDv7
function uuidv7(params) {
    return core._uuidv7(ZodUUID, params);
}
const ZodURL = /*@__PURE__*/ $constructor("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function url(params) {
    return core._url(ZodURL, params);
}
function httpUrl(params) {
    return core._url(ZodURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodEmoji = /*@__PURE__*/ $constructor("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_emoji(params) {
    return core._emoji(ZodEmoji, params);
}
const ZodNanoID = /*@__PURE__*/ $constructor("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_nanoid(params) {
    return core._nanoid(ZodNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ $constructor("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
function schemas_cuid(params) {
    return core._cuid(ZodCUID, params);
}
const ZodCUID2 = /*@__PURE__*/ $constructor("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cuid2(params) {
    return core._cuid2(ZodCUID2, params);
}
const ZodULID = /*@__PURE__*/ $constructor("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ulid(params) {
    return core._ulid(ZodULID, params);
}
const ZodXID = /*@__PURE__*/ $constructor("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_xid(params) {
    return core._xid(ZodXID, params);
}
const ZodKSUID = /*@__PURE__*/ $constructor("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ksuid(params) {
    return core._ksuid(ZodKSUID, params);
}
const ZodIPv4 = /*@__PURE__*/ $constructor("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv4(params) {
    return core._ipv4(ZodIPv4, params);
}
const ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMAC", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodMAC.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_mac(params) {
    return core._mac(ZodMAC, params);
}
const ZodIPv6 = /*@__PURE__*/ $constructor("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv6(params) {
    return core._ipv6(ZodIPv6, params);
}
const ZodCIDRv4 = /*@__PURE__*/ $constructor("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv4(params) {
    return core._cidrv4(ZodCIDRv4, params);
}
const ZodCIDRv6 = /*@__PURE__*/ $constructor("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv6(params) {
    return core._cidrv6(ZodCIDRv6, params);
}
const ZodBase64 = /*@__PURE__*/ $constructor("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64(params) {
    return core._base64(ZodBase64, params);
}
const ZodBase64URL = /*@__PURE__*/ $constructor("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64url(params) {
    return core._base64url(ZodBase64URL, params);
}
const ZodE164 = /*@__PURE__*/ $constructor("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_e164(params) {
    return core._e164(ZodE164, params);
}
const ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_creditCard(params) {
    return core._creditCard(ZodCreditCard, params);
}
const ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_iban(params) {
    return core._iban(ZodIBAN, params);
}
const ZodJWT = /*@__PURE__*/ $constructor("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function jwt(params) {
    return core._jwt(ZodJWT, params);
}
const ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCustomStringFormat", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodCustomStringFormat.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodCustomStringFormat, format, fnOrRegex, _params);
}
function schemas_hostname(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hostname", regexes.hostname, _params);
}
function schemas_hex(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hex", regexes.hex, _params);
}
function schemas_currencyCode(_params) {
    return core._stringFormat(ZodCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodCustomStringFormat, format, regex, params);
}
const ZodNumber = /*@__PURE__*/ $constructor("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    int(params) {
        return this.check(schemas_int(params));
    },
    safe(params) {
        return this.check(schemas_int(params));
    },
    positive(params) {
        return this.check(_gt(0, params));
    },
    nonnegative(params) {
        return this.check(_gte(0, params));
    },
    negative(params) {
        return this.check(_lt(0, params));
    },
    nonpositive(params) {
        return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
    step(value, params) {
        return this.check(_multipleOf(value, params));
    },
    finite() {
        return this;
    },
}));
function schemas_number(params) {
    return _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ $constructor("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function schemas_int(params) {
    return _int(ZodNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ $constructor("ZodBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json, params);
});
function schemas_boolean(params) {
    return _boolean(ZodBoolean, params);
}
const ZodBigInt = /*@__PURE__*/ $constructor("ZodBigInt", (inst, def) => {
    $ZodBigInt.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => bigintProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => aggregateChecks(inst).minimum ?? null,
    maxValue: (inst) => aggregateChecks(inst).maximum ?? null,
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    positive(params) {
        return this.check(_gt(BigInt(0), params));
    },
    negative(params) {
        return this.check(_lt(BigInt(0), params));
    },
    nonpositive(params) {
        return this.check(_lte(BigInt(0), params));
    },
    nonnegative(params) {
        return this.check(_gte(BigInt(0), params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
}));
function schemas_bigint(params) {
    return core._bigint(ZodBigInt, params);
}
const ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodBigIntFormat, params);
}
const ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.symbolProcessor(inst, ctx, json, params);
})));
function symbol(params) {
    return core._symbol(ZodSymbol, params);
}
const ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.undefinedProcessor(inst, ctx, json, params);
})));
function schemas_undefined(params) {
    return core._undefined(ZodUndefined, params);
}

const ZodNull = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNull", (inst, def) => {
    core.$ZodNull.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nullProcessor(inst, ctx, json, params);
})));
function schemas_null(params) {
    return core._null(ZodNull, params);
}

const ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.anyProcessor(inst, ctx, json, params);
})));
function any() {
    return core._any(ZodAny);
}
const ZodUnknown = /*@__PURE__*/ $constructor("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
    return _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ $constructor("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
    return _never(ZodNever, params);
}
const ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.voidProcessor(inst, ctx, json, params);
})));
function schemas_void(params) {
    return core._void(ZodVoid, params);
}

const ZodDate = /*@__PURE__*/ $constructor("ZodDate", (inst, def) => {
    $ZodDate.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => dateProcessor(inst, ctx, json, params);
    inst.min = (value, params) => inst.check(_gte(value, params));
    inst.max = (value, params) => inst.check(_lte(value, params));
}, 
/*@__PURE__*/ derived({
    minDate: (inst) => {
        const { minimum } = aggregateChecks(inst);
        return minimum ? new Date(minimum) : null;
    },
    maxDate: (inst) => {
        const { maximum } = aggregateChecks(inst);
        return maximum ? new Date(maximum) : null;
    },
}, {}));
function schemas_date(params) {
    return core._date(ZodDate, params);
}
const ZodArray = /*@__PURE__*/ $constructor("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(_minLength(n, params));
    },
    nonempty(params) {
        return this.check(_minLength(1, params));
    },
    max(n, params) {
        return this.check(_maxLength(n, params));
    },
    length(n, params) {
        return this.check(_length(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return _array(ZodArray, element, params);
}
// .keyof
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return schemas_enum(Object.keys(shape));
}
const ZodObject = /*@__PURE__*/ $constructor("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return schemas_enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(mergeDefs(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(mergeDefs(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(mergeDefs(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return extend(this, incoming);
    },
    safeExtend(incoming) {
        return safeExtend(this, incoming);
    },
    merge(other) {
        return util_merge(this, other);
    },
    pick(mask) {
        return pick(this, mask);
    },
    omit(mask) {
        return omit(this, mask);
    },
    partial(...args) {
        return partial(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return partial(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return required(ZodNonOptional, this, args[0]);
    },
});
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...normalizeParams(params),
    };
    return new ZodObject(def);
}
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...normalizeParams(params),
    });
}
// looseObject
function looseObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...normalizeParams(params),
    });
}
const ZodUnion = /*@__PURE__*/ $constructor("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodXor", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodDiscriminatedUnion = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodDiscriminatedUnion", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodDiscriminatedUnion.init(inst, def);
})));
function discriminatedUnion(discriminator, options, params) {
    // const [options, params] = args;
    return new ZodDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
const ZodIntersection = /*@__PURE__*/ $constructor("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodTuple = /*@__PURE__*/ $constructor("ZodTuple", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTuple.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => tupleProcessor(inst, ctx, json, params);
}, {
    rest(rest) {
        return this.clone({
            ...this._zod.def,
            rest: rest,
        });
    },
    partial() {
        const def = this._zod.def;
        // a refinement was authored against the full arity; partialing would run it on a shorter array
        if (def.checks?.length)
            throw new Error(".partial() cannot be used on tuple schemas containing refinements");
        return this.clone({
            ...def,
            items: def.items.map((item) => new ZodOptional({ type: "optional", innerType: item })),
        });
    },
});
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof core.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodTuple({
        type: "tuple",
        items: items,
        rest,
        ...util.normalizeParams(params),
    });
}
const ZodRecord = /*@__PURE__*/ $constructor("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: schemas_string(),
            valueType: keyType,
            ...normalizeParams(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...normalizeParams(params),
    });
}
// type alksjf = core.output<core.$ZodRecordKey>;
function partialRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMap", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodMap.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.mapProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function schemas_map(keyType, valueType, params) {
    return new ZodMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSet", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodSet.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.setProcessor(inst, ctx, json, params);
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function schemas_set(valueType, params) {
    return new ZodSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ $constructor("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
});
function schemas_enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...normalizeParams(params),
    });
}

/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ $constructor("ZodLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
});
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...normalizeParams(params),
    });
}
const ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.fileProcessor(inst, ctx, json, params);
    inst.min = (size, params) => inst.check(core._minSize(size, params));
    inst.max = (size, params) => inst.check(core._maxSize(size, params));
    inst.mime = (types, params) => inst.check(core._mime(Array.isArray(types) ? types : [types], params));
})));
function file(params) {
    return core._file(ZodFile, params);
}
const ZodTransform = /*@__PURE__*/ $constructor("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(util_issue(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ $constructor("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ $constructor("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ $constructor("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
function schemas_nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodDefault = /*@__PURE__*/ $constructor("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function schemas_default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ $constructor("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ $constructor("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...normalizeParams(params),
    });
}
const ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.successProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function success(innerType) {
    return new ZodSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodCatch = /*@__PURE__*/ $constructor("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function schemas_catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : constantCatch(catchValue)),
    });
}

const ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nanProcessor(inst, ctx, json, params);
})));
function nan(params) {
    return core._nan(ZodNaN, params);
}
const ZodPipe = /*@__PURE__*/ $constructor("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCodec", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
function codec(in_, out, params) {
    return new ZodCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPreprocess", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodPreprocess.init(inst, def);
})));
const ZodReadonly = /*@__PURE__*/ $constructor("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.templateLiteralProcessor(inst, ctx, json, params);
})));
function templateLiteral(parts, params) {
    return new ZodTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.lazyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.getter();
})));
function lazy(getter) {
    return new ZodLazy({
        type: "lazy",
        getter: getter,
    });
}
const ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.promiseProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function promise(innerType) {
    return new ZodPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.functionProcessor(inst, ctx, json, params);
})));
function _function(params) {
    return new ZodFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}

const ZodCustom = /*@__PURE__*/ $constructor("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
// custom checks
function check(fn) {
    const ch = new core.$ZodCheck({
        check: "custom",
        // ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
function custom(fn, _params) {
    return core._custom(ZodCustom, fn ?? (() => true), _params);
}
function refine(fn, _params = {}) {
    return _refine(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return _superRefine(fn, params);
}
// Re-export describe and meta from core
const schemas_describe = describe;
const schemas_meta = meta;
const ZodInstanceOf = /*@__PURE__*/ $constructor("ZodInstanceOf", (inst, def) => {
    ZodCustom.init(inst, def);
}, {
    properties(shape, params) {
        // asserts in place, so the narrowed output type is truthful without a wrapper
        return this.check(_properties(shape, params));
    },
});
function _instanceof(cls, params = {}) {
    const inst = new ZodInstanceOf({
        type: "custom",
        check: "custom",
        fn: (data) => data instanceof cls,
        abort: true,
        ...util.normalizeParams(params),
    });
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
    Codec: ZodCodec,
    Boolean: ZodBoolean,
    String: ZodString,
}, ...args);
function schemas_json(params) {
    const jsonSchema = lazy(() => {
        return union([schemas_string(params), schemas_number(), schemas_boolean(), schemas_null(), array(jsonSchema), record(schemas_string(), jsonSchema)]);
    });
    return jsonSchema;
}
// preprocess
function preprocess(fn, schema) {
    return new ZodPreprocess({
        type: "pipe",
        in: transform(fn),
        out: schema,
    });
}

;// CONCATENATED MODULE: ./src/openlogos/project-config.ts
/**
 * Project-wide OpenLogos settings: the report language (logos.config.json) and the deployment
 * gates of each module (logos-project.yaml).
 */





const gateSchema = looseObject({
    deployment_required: schemas_boolean().optional(),
    smoke_required: schemas_boolean().optional(),
    environments: array(schemas_string()).optional()
});
const projectFileSchema = looseObject({
    deployment_gates: record(schemas_string(), gateSchema.nullable()).nullable().optional()
});
async function readProjectSettings(root) {
    const config = await readOptional(external_node_path_default().join(root, OPENLOGOS.configFile));
    const settings = {
        locale: 'en',
        gates: {},
        problems: [],
        isInitialised: config !== undefined
    };
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
            settings.problems.push(`${OPENLOGOS.configFile} is not valid JSON: fix the file (an object such as {"name": "site", "locale": "en"})`);
        }
    }
    const project = await readOptional(external_node_path_default().join(root, OPENLOGOS.projectFile));
    if (project !== undefined) {
        try {
            const parsed = projectFileSchema.safeParse(load(project, { schema: CORE_SCHEMA }) ?? {});
            if (parsed.success) {
                for (const [module, gate] of Object.entries(parsed.data.deployment_gates ?? {})) {
                    settings.gates[module] = gate ?? {};
                }
            }
            else {
                const issue = parsed.error.issues[0];
                settings.problems.push(`${OPENLOGOS.projectFile}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}: fix the file`);
            }
        }
        catch (error) {
            const first = error.message.split('\n')[0] ?? '';
            settings.problems.push(`${OPENLOGOS.projectFile} is not valid YAML (${first}): fix the file`);
        }
    }
    return settings;
}
async function readOptional(file) {
    try {
        return await external_node_fs_namespaceObject.promises.readFile(file, 'utf8');
    }
    catch {
        return undefined;
    }
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
        checks.push(failed('project settings are readable', problem, 'fix the file named above'));
    }
    return checks.filter((check) => check !== undefined);
}
function markerProblem(proposal, marker, state) {
    return state === 'not-a-file'
        ? `${proposal.folder}/${marker} is not a regular file (a folder or a symbolic link)`
        : undefined;
}
function checkVerification(proposal) {
    const title = 'verification passed (VERIFY_PASS, no VERIFY_FAIL)';
    const pass = proposal.markers[MARKER.verifyPass];
    const fail = proposal.markers[MARKER.verifyFail];
    const broken = markerProblem(proposal, MARKER.verifyPass, pass) ??
        markerProblem(proposal, MARKER.verifyFail, fail);
    if (broken) {
        return failed(title, broken, 'markers are empty files: remove it and run openlogos verify again');
    }
    if (fail === 'present') {
        return failed(title, `${proposal.folder}/${MARKER.verifyFail} is present: the last acceptance verification failed`, 'fix the failures and run openlogos verify until it writes VERIFY_PASS');
    }
    if (pass !== 'present') {
        return failed(title, `${proposal.folder}/${MARKER.verifyPass} is missing: the proposal has not passed verification`, 'run openlogos verify; it writes VERIFY_PASS when acceptance passes');
    }
    return passed(title, `${MARKER.verifyPass} present, no ${MARKER.verifyFail}`);
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
    const title = 'deployment is required and decided consistently';
    const deploy = proposal.tasks
        ? tasksOf(proposal.tasks, 'deploy')
        : { hasSection: false, tasks: [] };
    const stated = proposal.decisions.deployment;
    const where = `${proposal.folder}/proposal.md`;
    if (stated?.value === 'invalid') {
        return failed(title, `${where} line ${stated.line} answers '${stated.text}' to whether deployment is required`, "answer exactly 是 or 否 (Chinese template) or yes or no ('- Deployment required: yes')", [{ file: where, line: stated.line }]);
    }
    if (stated?.value === 'yes' && !deploy.hasSection) {
        return failed(title, `decision conflict: ${where} line ${stated.line} says deployment is required, but tasks.md has no [deploy] section`, 'add a ## [deploy] section with the deployment tasks to tasks.md, or change the proposal to say no deployment is required', [{ file: where, line: stated.line }]);
    }
    if (stated?.value === 'no') {
        return deploy.hasSection
            ? failed(title, `decision conflict: ${where} line ${stated.line} says no deployment is required, but tasks.md has a [deploy] section`, 'make the proposal and tasks.md agree: answer yes in the proposal, or remove the [deploy] section', [{ file: where, line: stated.line }])
            : failed(title, `${where} line ${stated.line} says no deployment is required`, 'nothing to deploy for this proposal; if that is wrong, answer yes and add [deploy] tasks', [{ file: where, line: stated.line }]);
    }
    if (stated?.value === 'yes')
        return passed(title, `${where} line ${stated.line} says yes`);
    if (deploy.tasks.length > 0)
        return passed(title, `tasks.md has ${deploy.tasks.length} [deploy] task(s)`);
    return failed(title, 'nothing says a deployment is required: proposal.md has no deployment impact answer and tasks.md no [deploy] tasks (OpenLogos answers DEPLOYMENT_NOT_REQUIRED; logos-project.yaml can only say a deployment is not required)', "add '## 部署影响' with '- 是否需要部署：是' to proposal.md and a ## [deploy] section with tasks to tasks.md");
}
function checkTasks(proposal) {
    const codeTitle = 'every [code] task is done';
    const deployTitle = 'tasks.md lists [deploy] tasks';
    const file = `${proposal.folder}/tasks.md`;
    if (!proposal.tasks) {
        const fix = 'write tasks.md with a ## [code] and a ## [deploy] section (openlogos change creates it)';
        return [
            failed(codeTitle, `${file} is missing`, fix),
            failed(deployTitle, `${file} is missing`, fix)
        ];
    }
    const list = proposal.tasks;
    if (list.isLegacy) {
        const open = list.allTasks.filter(task => !task.isDone);
        const fix = 'split tasks.md into ## [code] and ## [deploy] sections (legacy files have no [tag] headings)';
        return [
            open.length > 0
                ? failed(codeTitle, `${describeOpen(open)} in the legacy (untagged) tasks.md`, 'finish them first', lines(file, open))
                : passed(codeTitle, 'every checkbox of the legacy tasks.md is done'),
            failed(deployTitle, `${file} has no ## [tag] sections (legacy layout), so no [deploy] tasks`, fix)
        ];
    }
    const code = tasksOf(list, 'code');
    const openCode = code.tasks.filter(task => !task.isDone);
    const deploy = tasksOf(list, 'deploy');
    return [
        openCode.length > 0
            ? failed(codeTitle, `${describeOpen(openCode)} under [code] in ${file}`, 'finish the code tasks (and verify again) before deploying', lines(file, openCode))
            : passed(codeTitle, code.hasSection ? `${code.tasks.length} [code] task(s) done` : 'no [code] section'),
        deploy.tasks.length > 0
            ? passed(deployTitle, `${deploy.tasks.length} [deploy] task(s)`)
            : failed(deployTitle, deploy.hasSection
                ? `the [deploy] section of ${file} has no tasks`
                : `${file} has no ## [deploy] section`, "add the deployment tasks as '- [ ] ...' lines under '## [deploy]'")
    ];
}
function checkSpecMerged(proposal) {
    if (proposal.planDeltas.length === 0)
        return undefined;
    const title = "the proposal's plan changes are merged (SPEC_MERGED)";
    const states = [MARKER.specMerged, MARKER.legacyMerged].map(marker => proposal.markers[marker]);
    if (states.includes('present'))
        return passed(title, `${proposal.planDeltas.length} plan delta(s), merged`);
    return failed(title, `the proposal changes the deployment plan (${proposal.planDeltas.join(', ')}) but has no ${MARKER.specMerged} marker`, 'merge the proposal deltas into logos/resources/ (which writes SPEC_MERGED), so the plan that runs is the reviewed one');
}
function describeOpen(tasks) {
    const shown = tasks.slice(0, 5).map(task => `line ${task.line} '${task.text}'`);
    const more = tasks.length > 5 ? ` and ${tasks.length - 5} more` : '';
    return `${tasks.length} open task(s) (${shown.join(', ')}${more})`;
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
async function resolveVerifyGate(root) {
    const builtin = {
        doneWhen: { kind: 'marker', name: 'VERIFY_PASS' },
        failWhen: { kind: 'marker', name: 'VERIFY_FAIL' },
        timeoutMs: DEFAULT_TIMEOUT_S * 1000,
        source: 'builtin'
    };
    const text = await readRegular(external_node_path_default().join(root, FLOW_OVERLAY));
    if (text === undefined)
        return { kind: 'ok', gate: builtin };
    let overlay;
    try {
        overlay = load(text, { schema: CORE_SCHEMA });
    }
    catch (error) {
        return invalid(`the YAML does not parse (${error.name})`);
    }
    if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay))
        return invalid('its top level must be a mapping');
    const document = overlay;
    const extendsProblem = checkExtends(document['extends']);
    if (extendsProblem)
        return invalid(extendsProblem);
    const ops = document['overlay'] ?? [];
    if (!Array.isArray(ops))
        return invalid('overlay must be a list of operations');
    const verify = {
        done_when: 'marker:VERIFY_PASS',
        fail_when: 'marker:VERIFY_FAIL'
    };
    let implementIterations = BUILTIN_IMPLEMENT_ITERATIONS;
    for (const [index, op] of ops.entries()) {
        const where = `overlay[${index}]`;
        if (typeof op !== 'object' || op === null)
            return invalid(`${where} is not a mapping`);
        const item = op;
        const kind = item['op'];
        if (typeof kind !== 'string' || !OPS.has(kind))
            return invalid(`${where} op '${String(kind)}' is not one of ${[...OPS].join(', ')}`);
        const target = item['target'];
        if ((kind === 'modify' || kind === 'skip') &&
            (typeof target !== 'string' || !BUILTIN_NODES.has(target)))
            return invalid(`${where} ${kind} targets '${String(target)}', which is not a node of the flow`);
        if (kind === 'skip' && target === 'verify')
            return invalid(`${where} skips verify: nothing would say whether verification passed`);
        if (kind === 'modify') {
            const set = item['set'];
            if (typeof set !== 'object' ||
                set === null ||
                Array.isArray(set) ||
                Object.keys(set).length === 0)
                return invalid(`${where} modify needs a non-empty set`);
            if ('id' in set)
                return invalid(`${where} modify may not change a node's id`);
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
async function gateOf(verify, implementIterations, root) {
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
        return invalid('verify may not set both done_when and fail_when to cmd:');
    if (usesCommand && implementIterations > 1)
        return invalid('a cmd: verify gate needs the implement loop off: add `- op: set-loop`, `subflow: implement`, `set: { max_iters: 1 }`');
    let timeoutS = DEFAULT_TIMEOUT_S;
    if (usesCommand) {
        const own = verify['cmd_timeout_seconds'];
        const project = await projectTimeout(root);
        if (typeof project === 'string')
            return invalid(project);
        if (own !== undefined && !(Number.isInteger(own) && own >= 1))
            return invalid('verify.cmd_timeout_seconds must be a whole number ≥ 1');
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
        return { problem: `verify.${field} must be a marker: or cmd: predicate` };
    if (value.startsWith('marker:'))
        return { kind: 'marker', name: value.slice(7).trim() };
    if (value.startsWith('cmd:')) {
        const command = value.slice(4).trim();
        if (command === '')
            return { problem: `verify.${field} has an empty cmd: command` };
        return { kind: 'cmd', command };
    }
    return { problem: `verify.${field} must be a marker: or cmd: predicate, not '${value}'` };
}
function checkExtends(value) {
    if (value === undefined)
        return undefined;
    if (typeof value !== 'string')
        return 'extends must be a string such as builtin:launched';
    const match = /^builtin:([A-Za-z0-9_-]+)(?:@(v[0-9A-Za-z.]+))?$/.exec(value);
    if (!match)
        return `extends '${value}' is not of the form builtin:launched`;
    if (match[1] !== 'launched')
        return `extends '${value}' is not the launched flow`;
    return undefined;
}
/** logos.config.json `flow.cmd_timeout_seconds`: undefined when unset, a problem when invalid. */
async function projectTimeout(root) {
    const text = await readRegular(external_node_path_default().join(root, OPENLOGOS.configFile));
    if (text === undefined)
        return undefined;
    try {
        const flow = JSON.parse(text).flow;
        const value = flow?.cmd_timeout_seconds;
        if (value === undefined)
            return undefined;
        return Number.isInteger(value) && value >= 1
            ? value
            : `${OPENLOGOS.configFile} flow.cmd_timeout_seconds must be a whole number ≥ 1`;
    }
    catch {
        return undefined;
    }
}
function invalid(reason) {
    return {
        kind: 'invalid',
        problem: `${FLOW_OVERLAY} is not a flow OpenLogos accepts (FLOW_SCHEMA_INVALID): ${reason}`
    };
}
async function readRegular(file) {
    const stat = await external_node_fs_namespaceObject.promises.lstat(file).catch(() => undefined);
    if (!stat?.isFile())
        return undefined;
    return external_node_fs_namespaceObject.promises.readFile(file, 'utf8');
}

;// CONCATENATED MODULE: ./src/openlogos/proposal.ts
/**
 * Reads what the OpenLogos files say about a proposal: its markers, tasks, deployment decision and
 * the project's gates. Only reads; judging readiness is preflight.ts's job.
 */






async function readProposal(root, slug, guardModule) {
    const folder = `${OPENLOGOS.changesDir}/${slug}`;
    const absolute = external_node_path_default().join(root, folder);
    const [proposalText, tasksText, project, planDeltas, hasSmokeCases, verifyFlow] = await Promise.all([
        proposal_readOptional(external_node_path_default().join(absolute, 'proposal.md')),
        proposal_readOptional(external_node_path_default().join(absolute, 'tasks.md')),
        readProjectSettings(root),
        listFiles(root, `${folder}/${OPENLOGOS.planDeltaDir}`),
        // As OpenLogos counts smoke cases: any file of the folder, .gitkeep aside.
        listFiles(root, OPENLOGOS.smokeDir).then(files => files.some(file => !file.endsWith('.gitkeep'))),
        resolveVerifyGate(root)
    ]);
    const decisions = proposalText === undefined ? {} : parseDecisions(proposalText);
    const markers = {};
    const gateMarkers = verifyFlow.kind === 'ok'
        ? [verifyFlow.gate.doneWhen, verifyFlow.gate.failWhen].flatMap(predicate => predicate?.kind === 'marker' && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(predicate.name)
            ? [predicate.name]
            : [])
        : [];
    for (const marker of new Set([...Object.values(MARKER), ...gateMarkers])) {
        markers[marker] = await markerState(external_node_path_default().join(absolute, marker));
    }
    return {
        slug,
        folder,
        module: decisions.module ?? guardModule ?? OPENLOGOS.defaultModule,
        markers,
        tasks: tasksText === undefined ? undefined : parseTasks(tasksText),
        hasProposalFile: proposalText !== undefined,
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
async function markerState(file) {
    const stat = await external_node_fs_namespaceObject.promises.lstat(file).catch(() => undefined);
    if (!stat)
        return 'absent';
    return stat.isFile() ? 'present' : 'not-a-file';
}
async function proposal_readOptional(file) {
    const stat = await external_node_fs_namespaceObject.promises.lstat(file).catch(() => undefined);
    if (!stat?.isFile())
        return undefined;
    return external_node_fs_namespaceObject.promises.readFile(file, 'utf8');
}
async function listFiles(root, folder) {
    const entries = await external_node_fs_namespaceObject.promises
        .readdir(external_node_path_default().join(root, folder), { recursive: true, withFileTypes: true })
        .catch(() => []);
    return entries
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
    const temporary = external_node_path_default().join(external_node_path_default().dirname(file), `.${external_node_path_default().basename(file)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
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
/** The same, synchronously: for small files written often, where a thread-pool hop costs more than the write. */
function writeFileAtomicSync(file, content) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        writeFileSync(temporary, content);
        renameSync(temporary, file);
    }
    catch (error) {
        rmSync(temporary, { force: true });
        throw error;
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
        return `${relative} is outside the project root`;
    const realRoot = external_node_fs_namespaceObject.realpathSync.native(root);
    // Every existing folder on the way must really be inside the project.
    let folder = external_node_path_default().dirname(absolute);
    while (!exists(folder) && folder !== external_node_path_default().dirname(folder))
        folder = external_node_path_default().dirname(folder);
    const realFolder = external_node_fs_namespaceObject.realpathSync.native(folder);
    if (!isInside(realRoot, realFolder))
        return `${relative} leads outside the project root through a symbolic link (to ${external_node_path_default().join(realFolder, external_node_path_default().relative(folder, absolute))})`;
    const stat = lstatOf(absolute);
    if (stat?.isSymbolicLink())
        return `${relative} is a symbolic link`;
    if (stat && !stat.isFile())
        return `${relative} is not a regular file`;
    return undefined;
}
/** The fix that goes with every problem above. */
const PROJECT_FILE_FIX = 'replace the link with a regular file or folder inside the project (the action reads and writes only those)';
class ProjectFileError extends Error {
}
/** The file's text, or undefined when it does not exist; refuses what projectFileProblem refuses. */
async function readProjectFile(root, relative) {
    const problem = projectFileProblem(root, relative);
    if (problem)
        throw new ProjectFileError(`${problem}: ${PROJECT_FILE_FIX}`);
    return external_node_fs_namespaceObject.promises.readFile(external_node_path_default().resolve(root, relative), 'utf8').catch((error) => {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    });
}
/** Replaces the file whole, keeping its mode; refuses what projectFileProblem refuses. */
async function writeProjectFile(root, relative, content) {
    const problem = projectFileProblem(root, relative);
    if (problem)
        throw new ProjectFileError(`${problem}: ${PROJECT_FILE_FIX}`);
    const absolute = external_node_path_default().resolve(root, relative);
    const mode = lstatOf(absolute)?.mode;
    await writeFileAtomic(absolute, content, mode === undefined ? undefined : mode & 0o7777);
}
function exists(file) {
    return lstatOf(file) !== undefined;
}
function lstatOf(file) {
    try {
        return (0,external_node_fs_namespaceObject.lstatSync)(file);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/openlogos/file-checks.ts
/**
 * Do the files a real run writes stay inside the project? The report file, and the proposal's
 * tasks.md and markers: each must be a regular file or absent, at a real path inside the project.
 * Checked before anything runs, so that a link out of the project refuses the run instead of
 * receiving its writes.
 */



const TITLE = 'the files the run writes stay inside the project';
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
        return passed(TITLE, files.join(', '));
    return input.isDryRun
        ? wouldRefuse(TITLE, problems.join('; '), PROJECT_FILE_FIX)
        : failed(TITLE, problems.join('; '), PROJECT_FILE_FIX);
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
const SEPARATOR = /\n---\n\n/;
const digestOf = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
/**
 * Puts this run's entry on top of the report file, atomically. Given the entry an earlier pass of
 * this run wrote (the main step, finished by the post step), replaces that exact text where it
 * stands; when it is no longer in the file unchanged (someone edited it), the new entry goes on
 * top and everything in the file is kept: a duplicate entry is better than a lost one.
 */
async function writeReportEntry(root, reportPath, runKey, entry, replacing) {
    const existing = (await readProjectFile(root, reportPath)) ?? '';
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
    for (const entry of text.split(SEPARATOR)) {
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
async function readDeploymentRecords(root, reportPath) {
    // A report that may not be read (a link out of the project) holds no record to trust.
    return readRecords((await readProjectFile(root, reportPath).catch(() => undefined)) ?? '');
}
/**
 * The versions `environment` ran, newest first, as the report file records them: each successful
 * deployment, and each rollback on demand that put a version back; a version a rollback on demand
 * replaced is left out from there on, as one found bad.
 */
async function liveDeployments(root, reportPath, environment) {
    const records = await readDeploymentRecords(root, reportPath);
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
async function lastSuccessfulDeployment(root, reportPath, environment) {
    return (await liveDeployments(root, reportPath, environment))[0];
}

;// CONCATENATED MODULE: ./src/openlogos/repeat-checks.ts
/**
 * Repeat runs: a proposal already deployed (DEPLOY_DONE) is deployed again only on request, and a
 * run that stopped between writing its report entry and its markers is noticed and explained.
 */



async function checkRepeat(proposal, settings) {
    const title = 'the proposal is not deployed already (DEPLOY_DONE)';
    const marker = `${proposal.folder}/${MARKER.deployDone}`;
    const state = proposal.markers[MARKER.deployDone];
    if (state === 'not-a-file') {
        return [
            failed(title, `${marker} is not a regular file (a folder or a symbolic link)`, 'markers are empty files: remove it')
        ];
    }
    if (state === 'present') {
        const detail = `${marker} is present: this proposal was deployed before`;
        if (settings.redeploy)
            return [
                warned(title, `${detail}; deploying it again (redeploy: true)`, 'nothing to do: this run is a redeployment')
            ];
        const fix = 'set redeploy: true to deploy it again, or open a new proposal for the new change';
        return [settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix)];
    }
    const records = await readDeploymentRecords(settings.projectRoot, settings.reportPath);
    const last = records.find(record => record.proposal === proposal.slug);
    if (last?.status === 'success' && last.markers !== false) {
        const detail = `the newest entry of ${settings.reportPath} records a successful deployment of ${proposal.slug} to ${last.environment} (${last.finishedAt}), but ${MARKER.deployDone} is missing: that run stopped between writing the report and the markers`;
        const fix = 'run openlogos deploy-done to finish recording that deployment, or set redeploy: true to deploy again';
        return [
            settings.redeploy || settings.isDryRun
                ? warned(title, detail, fix)
                : failed(title, detail, fix)
        ];
    }
    return [passed(title, `no ${MARKER.deployDone} yet`)];
}

;// CONCATENATED MODULE: ./src/openlogos/verify-gate.ts
/**
 * "Verification passed", judged by the verify gate OpenLogos resolves (flow.ts): `fail_when` first,
 * then `done_when`, each a marker file of the proposal or a command. A dry run shows a command gate
 * and leaves it to the real run; a real run evaluates it, as `openlogos deploy-done` does.
 */

const verify_gate_TITLE = 'verification passed (the verify gate of the OpenLogos flow)';
async function checkVerifyGate(proposal, flow, options) {
    if (flow.kind === 'invalid')
        return failed(verify_gate_TITLE, flow.problem, 'correct the overlay as the message says, or remove it');
    const { gate } = flow;
    const evaluate = async (predicate) => {
        if (predicate.kind === 'marker') {
            const isMet = proposal.markers[predicate.name] === 'present';
            return {
                isMet,
                detail: `${proposal.folder}/${predicate.name} is ${isMet ? 'present' : 'absent'}`
            };
        }
        if (options.isDryRun || !options.runCommand)
            return { pending: `\`cmd: ${predicate.command}\` (${gate.source}): a real run evaluates it` };
        const result = await options.runCommand(predicate.command, gate.timeoutMs);
        return { isMet: result.isPassed, detail: `\`cmd: ${predicate.command}\` ${result.detail}` };
    };
    const fix = 'run openlogos verify (or the gate the flow overlay names) until the proposal passes';
    if (gate.failWhen) {
        const failing = await evaluate(gate.failWhen);
        if ('pending' in failing)
            return warned(verify_gate_TITLE, `fail_when ${failing.pending}`, fix);
        if (failing.isMet)
            return failed(verify_gate_TITLE, `fail_when is met: ${failing.detail}`, fix);
    }
    const done = await evaluate(gate.doneWhen);
    if ('pending' in done)
        return warned(verify_gate_TITLE, `done_when ${done.pending}`, fix);
    return done.isMet
        ? passed(verify_gate_TITLE, `done_when is met: ${done.detail}`)
        : failed(verify_gate_TITLE, `done_when is not met: ${done.detail}`, fix);
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
        data = load(source, { schema: CORE_SCHEMA });
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
function schema_duration(options) {
    const maxMs = options.maxMs ?? MAX_DURATION_MS;
    return union([schemas_string(), schemas_number()])
        .transform((value, ctx) => {
        const ms = parseDurationMs(value);
        if (ms === undefined || (options.positive && ms === 0)) {
            const expected = options.positive ? `a positive ${DURATION_HINT.slice(2)}` : DURATION_HINT;
            ctx.addIssue({ code: 'custom', message: `'${String(value)}' is not ${expected}` });
            return NEVER;
        }
        if (ms > maxMs) {
            ctx.addIssue({
                code: 'custom',
                message: `'${String(value)}' is longer than the ${duration_formatDuration(maxMs)} allowed here: shorten it`
            });
            return NEVER;
        }
        return ms;
    })
        .describe(`A duration: ${DURATION_HINT}; at most ${duration_formatDuration(maxMs)}.`);
}
const variableName = schemas_string()
    .regex(VARIABLE_PATTERN, { error: 'must be a variable name such as DATABASE_URL' });
/** YAML scalars become the strings a process environment holds. */
/** Names a plan may not set: bash runs their code before the step, or the runner reads them. */
const RESERVED = /^(BASH_ENV|ENV|GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY)$|^(INPUT_|ACTIONS_|STATE_|BASH_FUNC_)/;
const variables = record(variableName, union([schemas_string(), schemas_number(), schemas_boolean()]))
    .superRefine((record, ctx) => {
    for (const name of Object.keys(record).filter(key => RESERVED.test(key)))
        ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `${name} is reserved: bash or the runner would act on it; use another name`
        });
})
    .transform(record => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)])));
const relativeDirectory = schemas_string()
    .min(1)
    .refine(dir => !external_node_path_default().isAbsolute(dir) && !external_node_path_default().normalize(dir).split((external_node_path_default()).sep).includes('..'), {
    error: 'must be a path relative to the project root that stays inside it (no absolute path, no ..)'
});
const script = schemas_string().trim().min(1, { error: 'must be a non-empty bash script' });
/** Baseline samples a metric check may ask for: more says nothing a median of 25 does not. */
const MAX_BASELINE_SAMPLES = 25;
const baselineChange = union([
    schemas_number().min(0, { error: 'must not be negative' }),
    schemas_string().regex(/^\d+(\.\d+)?%$/, {
        error: "must be a percentage such as '50%', or an amount such as 0.02"
    })
])
    .transform((value) => typeof value === 'number'
    ? { kind: 'amount', amount: value }
    : { kind: 'percent', percent: Number(value.slice(0, -1)) })
    .describe("How far from the baseline a sample may be: 'n%' of the baseline's size, or an amount in the metric's own unit.");
const metricSchema = strictObject({
    max: schemas_number().optional().describe('A sample above this fails the probe.'),
    min: schemas_number().optional().describe('A sample below this fails the probe.'),
    baseline: strictObject({
        'max-increase': baselineChange
            .optional()
            .describe('A sample more than this above the baseline fails the probe.'),
        'max-decrease': baselineChange
            .optional()
            .describe('A sample more than this below the baseline fails the probe.'),
        samples: schemas_number()
            .int()
            .min(1)
            .max(MAX_BASELINE_SAMPLES)
            .optional()
            .describe('Samples of the baseline, taken before the first step; their median is it. Default 3.'),
        required: schemas_boolean()
            .optional()
            .describe('false: a baseline that cannot be measured turns off the relative bounds only (and says so); default true: it refuses the deployment.')
    })
        .optional()
        .describe('Bounds relative to the value measured before the first step.')
})
    .superRefine((metric, ctx) => {
    const change = metric.baseline?.['max-increase'] ?? metric.baseline?.['max-decrease'];
    if (metric.baseline && change === undefined)
        ctx.addIssue({
            code: 'custom',
            path: ['baseline'],
            message: 'needs max-increase or max-decrease: a baseline nothing is compared with is not measured'
        });
    if (metric.max === undefined && metric.min === undefined && !metric.baseline)
        ctx.addIssue({
            code: 'custom',
            message: 'needs a bound: max, min, or a baseline with max-increase or max-decrease'
        });
    if (metric.max !== undefined && metric.min !== undefined && metric.min > metric.max)
        ctx.addIssue({
            code: 'custom',
            path: ['min'],
            message: `min ${metric.min} is above max ${metric.max}: no sample could pass`
        });
})
    .transform(metric => ({
    max: metric.max,
    min: metric.min,
    baseline: metric.baseline && {
        maxIncrease: metric.baseline['max-increase'],
        maxDecrease: metric.baseline['max-decrease'],
        samples: metric.baseline.samples ?? 3,
        isRequired: metric.baseline.required ?? true
    }
}))
    .describe('A metric check: the last line run prints is a number, judged by these bounds. Command checks only.');
const stepSchema = strictObject({
    id: schemas_string()
        .regex(ID_PATTERN, { error: 'must match ^[a-z0-9][a-z0-9-]*$ (lower case, digits, dashes)' })
        .describe('Unique step id, used in logs, the report and DEPLOY_FAILED_STEP.'),
    name: schemas_string().min(1).optional().describe('Readable name; defaults to the id.'),
    purpose: schemas_string()
        .optional()
        .describe('Why the step runs; said before it runs, in the log and the report.'),
    run: script.describe('The bash script to run (bash --noprofile --norc -eo pipefail).'),
    target: schemas_string()
        .optional()
        .describe('Runs only when this target is selected; absent means every selection.'),
    environments: array(schemas_string())
        .min(1)
        .optional()
        .describe('Runs only in these environments; absent means every environment.'),
    timeout: schema_duration({ positive: true })
        .optional()
        .describe("Kill the step after this long; default: the action's step-timeout input."),
    'working-directory': relativeDirectory
        .optional()
        .describe('Directory to run in, relative to the project root; default: the project root.'),
    env: variables.optional().describe('Extra environment variables for this step.'),
    rollback: script.optional().describe('A bash script that undoes this step.'),
    'continue-on-error': schemas_boolean()
        .optional()
        .describe('When true, a failure of this step does not stop the deployment.')
})
    .transform(step => ({
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
    continueOnError: step['continue-on-error'] ?? false
}));
const healthCheckSchema = strictObject({
    name: schemas_string().min(1).optional().describe('Readable name; defaults to the url or command.'),
    url: schemas_string()
        .optional()
        .describe('HTTP(S) URL to probe; ${NAME} is expanded from the step environment.'),
    run: script.optional().describe('A command check: exit code 0 is healthy.'),
    'expect-status': union([schemas_number().int().min(100).max(599), array(schemas_number().int().min(100).max(599))])
        .optional()
        .describe('Healthy status code(s); default: any 2xx.'),
    'expect-body': schemas_string().optional().describe('A substring the response body must contain.'),
    target: schemas_string().optional().describe('Checked only when this target is selected.'),
    environments: array(schemas_string()).min(1).optional().describe('Checked only in these.'),
    interval: schema_duration({ positive: false, maxMs: MAX_PROBE_MS })
        .optional()
        .describe('Pause between probes; default 5s.'),
    timeout: schema_duration({ positive: true, maxMs: MAX_PROBE_MS })
        .optional()
        .describe('Limit of one probe; default 10s.'),
    retries: schemas_number()
        .int()
        .min(1)
        .max(1000, { error: 'must be at most 1000: probe less often, or for less long' })
        .optional()
        .describe('Probes until the first healthy answer; default 3.'),
    watch: schema_duration({ positive: false })
        .optional()
        .describe('Keep probing this long after the first healthy answer; default 0.'),
    'failure-limit': schemas_number()
        .int()
        .min(0)
        .optional()
        .describe('Failed probes tolerated while watching; default 0.'),
    metric: metricSchema.optional()
})
    .superRefine((check, ctx) => {
    if ((check.url === undefined) === (check.run === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'a health check needs exactly one of url or run' });
    }
    if (check.run !== undefined) {
        for (const key of ['expect-status', 'expect-body']) {
            if (check[key] !== undefined) {
                ctx.addIssue({
                    code: 'custom',
                    path: [key],
                    message: `${key} applies to url checks only`
                });
            }
        }
    }
    if (check.metric !== undefined && check.run === undefined)
        ctx.addIssue({
            code: 'custom',
            path: ['metric'],
            message: 'applies to command checks (run) only: the command prints the number'
        });
    if (check.metric?.baseline) {
        const samples = check.metric.baseline.samples ?? 3;
        const worstMs = samples * (check.timeout ?? 10_000) + (samples - 1) * (check.interval ?? 5_000);
        if (worstMs > MAX_DURATION_MS)
            ctx.addIssue({
                code: 'custom',
                path: ['metric', 'baseline', 'samples'],
                message: `${samples} samples at this interval and timeout may take ${duration_formatDuration(worstMs)}, longer than the ${duration_formatDuration(MAX_DURATION_MS)} allowed: take fewer samples or probe more often`
            });
    }
    if (check.url !== undefined && !/^(https?:\/\/|\$\{[A-Za-z_][A-Za-z0-9_]*\})/.test(check.url)) {
        const message = 'must start with http://, https:// or a ${VARIABLE} holding one';
        ctx.addIssue({ code: 'custom', path: ['url'], message });
    }
})
    .transform(check => {
    const common = {
        target: check.target,
        environments: check.environments,
        intervalMs: check.interval ?? 5_000,
        timeoutMs: check.timeout ?? 10_000,
        retries: check.retries ?? 3,
        watchMs: check.watch ?? 0,
        failureLimit: check['failure-limit'] ?? 0
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
});
const targetSchema = strictObject({
    primary: schemas_boolean().optional().describe('The target `targets: primary` selects.'),
    description: schemas_string().optional(),
    enabled: schemas_boolean().optional().describe('false: never deployed, whatever is asked.')
})
    .nullable()
    .transform(target => ({
    isPrimary: target?.primary ?? false,
    description: target?.description,
    isEnabled: target?.enabled ?? true
}));
const environmentSchema = strictObject({
    url: schemas_string().optional().describe('The URL of the deployed environment (DEPLOY_URL).'),
    description: schemas_string().optional(),
    variables: variables.optional().describe('Environment variables of every step here.')
})
    .nullable()
    .transform(environment => ({
    url: environment?.url,
    description: environment?.description,
    variables: environment?.variables ?? {}
}));
const planSchema = strictObject({
    [PLAN_FORMAT_KEY]: literal(PLAN_FORMAT_VERSION, { error: `must be ${PLAN_FORMAT_VERSION}, the plan format` })
        .describe('Format version; marks the file as an executable plan.'),
    targets: record(schemas_string().regex(NAME_PATTERN), targetSchema)
        .optional()
        .describe('What can be deployed; absent means one implicit target named "default".'),
    environments: record(schemas_string().regex(NAME_PATTERN), environmentSchema)
        .refine(record => Object.keys(record).length > 0, { error: 'must name an environment' })
        .describe("The names the action's environment input may take."),
    secrets: array(variableName)
        .optional()
        .describe('Variables that must be set and non-empty for a real run; redacted everywhere.'),
    steps: array(stepSchema).min(1, { error: 'must list at least one step' }),
    health: array(healthCheckSchema).optional().describe('Post-deploy checks.'),
    rollback: strictObject({ steps: array(stepSchema).min(1) })
        .optional()
        .describe("The plan's rollback strategy, run after the steps' own rollbacks."),
    canary: strictObject({
        steps: array(stepSchema).min(1),
        health: array(healthCheckSchema).optional(),
        watch: schema_duration({ positive: false }).optional(),
        increments: array(schemas_number()
            .int()
            .min(1, { error: 'must be a percent from 1 to 99' })
            .max(99, { error: 'must be a percent from 1 to 99: 100 is the promotion' }))
            .min(1)
            .refine(list => list.every((weight, index) => index === 0 || weight > (list[index - 1] ?? 0)), {
            error: 'must increase: each increment sends more traffic than the one before'
        })
            .optional()
            .describe('Traffic percents (1-99, increasing): canary.steps and their analysis run once per increment, with DEPLOY_CANARY_WEIGHT; the promotion then runs with 100.')
    })
        .optional()
        .describe("Used when the action's mode is canary.")
})
    .superRefine((plan, ctx) => {
    checkReferences(plan, ctx);
    for (const path of placeholderPaths(plan))
        ctx.addIssue({
            code: 'custom',
            path,
            message: 'is a draft placeholder (<TODO: …>): replace it with the real value, or remove the line'
        });
})
    .transform(plan => {
    const targets = plan.targets ?? {
        [IMPLICIT_TARGET]: { isPrimary: true, description: undefined, isEnabled: true }
    };
    return {
        targets,
        environments: plan.environments,
        secrets: plan.secrets ?? [],
        steps: plan.steps,
        health: plan.health ?? [],
        rollbackSteps: plan.rollback?.steps ?? [],
        canary: plan.canary && {
            steps: plan.canary.steps,
            health: plan.canary.health,
            watchMs: plan.canary.watch ?? 0,
            increments: plan.canary.increments
        }
    };
});
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
        steps.forEach((step, index) => {
            const at = [...where, index];
            const first = seen.get(step.id);
            if (first) {
                const message = `duplicate step id '${step.id}' (first used at ${first}): step ids must be unique`;
                ctx.addIssue({ code: 'custom', path: [...at, 'id'], message });
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
function checkSelectors(item, at, targetNames, environmentNames, ctx) {
    if (item.target !== undefined && !targetNames.includes(item.target)) {
        const message = `target '${item.target}' is not declared under targets (declared: ${targetNames.join(', ')})`;
        ctx.addIssue({ code: 'custom', path: [...at, 'target'], message });
    }
    item.environments?.forEach((name, index) => {
        if (!environmentNames.includes(name)) {
            const message = `environment '${name}' is not declared under environments (declared: ${environmentNames.join(', ')})`;
            ctx.addIssue({ code: 'custom', path: [...at, 'environments', index], message });
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
    const found = planInput ? explicitPlan(root, planInput) : await discoverPlan(root, module);
    if ('issue' in found)
        return { kind: 'invalid', issues: [found.issue] };
    return readPlanFile(root, found.file);
}
function explicitPlan(root, planInput) {
    const absolute = external_node_path_default().resolve(root, planInput);
    if (!isInside(root, absolute)) {
        const message = `plan '${planInput}' is outside the project root: give a path inside ${root}`;
        return { issue: { file: planInput, message } };
    }
    return { file: external_node_path_default().relative(root, absolute) };
}
async function discoverPlan(root, module) {
    const folder = OPENLOGOS.planDir;
    let names;
    try {
        names = (await external_node_fs_namespaceObject.promises.readdir(external_node_path_default().join(root, folder))).filter(name => name.endsWith('.md')).sort();
    }
    catch {
        names = [];
    }
    if (names.length === 0) {
        const message = `no deployment plan: ${folder}/ holds no .md file. Write the plan (OpenLogos deployment-designer, e.g. ${folder}/${module}-01-deployment-plan.md) or set the plan input`;
        return { issue: { file: folder, message } };
    }
    const executable = [];
    for (const name of names) {
        const file = `${folder}/${name}`;
        if (await isExecutablePlan(external_node_path_default().join(root, file)))
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
    const message = `several executable plans found (${executable.join(', ')}) and ${ofModule.length === 0 ? 'none' : 'more than one'} is named for module '${module}': set the plan input to the one to use`;
    return { issue: { file: folder, message } };
}
async function isExecutablePlan(file) {
    const handle = await external_node_fs_namespaceObject.promises.open(file, 'r').catch(() => undefined);
    if (!handle)
        return false;
    try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
        const head = buffer.subarray(0, bytesRead).toString('utf8');
        if (!hasFrontMatter(head))
            return false;
        const end = head.search(/\r?\n---\s*(\r?\n|$)/);
        return EXECUTABLE_KEY.test(end === -1 ? head : head.slice(0, end));
    }
    finally {
        await handle.close();
    }
}
async function readPlanFile(root, file) {
    const absolute = external_node_path_default().join(root, file);
    // The commands of a plan outside the project (through a link) must never run.
    const outside = projectFileProblem(root, file);
    if (outside) {
        const message = `plan file ${outside}: ${PROJECT_FILE_FIX}`;
        return { kind: 'invalid', file, issues: [{ file, message }] };
    }
    const stat = await external_node_fs_namespaceObject.promises.stat(absolute).catch(() => undefined);
    if (!stat?.isFile()) {
        const message = `plan file '${file}' does not exist: check the plan input or write the plan`;
        return { kind: 'invalid', file, issues: [{ file, message }] };
    }
    if (stat.size > LIMITS.planFileBytes) {
        const message = `plan file '${file}' is ${stat.size} bytes, over the ${LIMITS.planFileBytes}-byte limit: a plan people review is far smaller; move data out of it`;
        return { kind: 'invalid', file, issues: [{ file, message }] };
    }
    const text = await external_node_fs_namespaceObject.promises.readFile(absolute, 'utf8');
    const front = await readFrontMatter(text);
    switch (front.kind) {
        case 'none':
            return notExecutable(file, text);
        case 'refused': {
            const message = `front matter language '${front.language}' is refused and was not evaluated: the plan's front matter must be YAML (start the file with a line '---')`;
            return { kind: 'invalid', file, issues: [{ file, message, line: 1 }] };
        }
        case 'invalid':
            return {
                kind: 'invalid',
                file,
                issues: front.issues.map(issue => ({
                    file,
                    message: `invalid YAML: ${issue.message}`,
                    line: issue.line
                }))
            };
        case 'parsed':
            break;
    }
    if (!loader_isRecord(front.data) || !(PLAN_FORMAT_KEY in front.data))
        return notExecutable(file, text);
    const parsed = planSchema.safeParse(front.data);
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
        ? `unknown key${keys.length > 1 ? 's' : ''} ${keys.map(key => `'${key}'`).join(', ')}: remove or correct ${keys.length > 1 ? 'them' : 'it'} (see schema/plan.schema.json for the keys a plan may use)`
        : issue.message;
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
    return `${where}: ${issue.keyPath ? `${issue.keyPath}: ` : ''}${issue.message}`;
}

;// CONCATENATED MODULE: ./src/plan/selection.ts
function selectTargets(plan, selection) {
    const all = Object.entries(plan.targets);
    const enabled = all.filter(([, target]) => target.isEnabled).map(([name]) => name);
    switch (selection.kind) {
        case 'all':
            return enabled.length > 0
                ? { ok: true, targets: enabled }
                : {
                    ok: false,
                    problems: ['every target of the plan is disabled: enable one (enabled: true)']
                };
        case 'primary': {
            const primary = all.filter(([, target]) => target.isPrimary);
            if (primary.length === 0) {
                return {
                    ok: false,
                    problems: [
                        "targets is 'primary' but no target has primary: true: mark one, or name the targets"
                    ]
                };
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
                    return [
                        `target '${name}' is not in the plan (targets: ${all.map(([known]) => known).join(', ')}): correct the targets input`
                    ];
                }
                return target.isEnabled ? [] : [disabledProblem(name)];
            });
            return problems.length > 0 ? { ok: false, problems } : { ok: true, targets: selection.names };
        }
    }
}
function disabledProblem(name) {
    return `target '${name}' is disabled in the plan (enabled: false) and is never deployed: leave it out of targets, or enable it in the plan`;
}
/** Keeps what applies to this environment and these targets; says why the rest is left out. */
function selectFor(items, environment, targets) {
    const selected = [];
    const skipped = [];
    for (const item of items) {
        if (item.target !== undefined && !targets.includes(item.target)) {
            skipped.push({ item, reason: `target '${item.target}' is not selected` });
        }
        else if (item.environments !== undefined && !item.environments.includes(environment)) {
            skipped.push({ item, reason: `runs only in ${item.environments.join(', ')}` });
        }
        else {
            selected.push(item);
        }
    }
    return { selected, skipped };
}

;// CONCATENATED MODULE: ./src/plan/variable-checks.ts
/**
 * Are the variables the plan's URLs and command checks use set? A URL with `${NAME}` unset starts
 * the run with an empty DEPLOY_URL, and a check reading an unset `$NAME` fails after the steps
 * changed the environment: both lead to a rollback that had nothing to do with the release. Said
 * before anything runs, in a dry run as in a real run.
 */


const variable_checks_TITLE = 'the variables of URLs and checks are set';
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
        problems.push(`the url of ${environment} (${url}) uses ${urlUnset.join(', ')}, not set: DEPLOY_URL would start empty`);
    const checks = [...plan.health, ...(plan.canary?.health ?? [])];
    for (const check of selectFor(checks, environment, input.targets).selected) {
        const unset = namesOf(check).filter(name => !isSet(name));
        if (unset.length > 0)
            problems.push(`health check '${check.name}' uses ${unset.join(', ')}, not set`);
        if (check.kind === 'http' && urlNames(check.url).includes('DEPLOY_URL') && urlUnset.length > 0)
            problems.push(`health check '${check.name}' probes \${DEPLOY_URL}, which stays empty unless a step reports url=`);
    }
    if (problems.length === 0)
        return passed(variable_checks_TITLE, 'every variable they use is set');
    return warned(variable_checks_TITLE, problems.join('; '), `set ${problems.length > 1 ? 'them' : 'it'} in the job's env (or the environment's variables in the plan) before a real run`);
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







async function checkPlan(input) {
    const { load } = input;
    if (load.kind === 'invalid') {
        return {
            checks: [
                failed('the deployment plan is valid', load.issues.map(describePlanIssue).join('\n'), 'correct the plan as each line says; schema/plan.schema.json describes every key', load.issues.map(issue => ({
                    file: issue.file,
                    ...(issue.line === undefined ? {} : { line: issue.line }),
                    message: describePlanIssue(issue)
                })))
            ]
        };
    }
    if (load.kind === 'not-executable') {
        const found = load.commands.length > 0
            ? `inline commands found: ${load.commands.map(c => `\`${c}\``).join(', ')}`
            : 'no inline commands found';
        return {
            checks: [
                failed('the deployment plan is executable', `${load.file} has no deploy-executor front matter, so nothing in it may run (${found})`, `review this front matter skeleton, complete it and paste it at the top of ${load.file}:\n${load.skeleton}`, [{ file: load.file, line: 1 }])
            ]
        };
    }
    const { plan, file } = load;
    const checks = [
        passed('the deployment plan is valid', `${file}: ${plan.steps.length} step(s)`)
    ];
    const environment = checkEnvironment(input, plan, file, checks);
    const choice = selectTargets(plan, input.settings.targets);
    if (choice.ok) {
        checks.push(passed('the selected targets exist and are enabled', choice.targets.join(', ')));
    }
    else {
        checks.push(failed('the selected targets exist and are enabled', choice.problems.join('\n'), 'correct the targets input or the plan'));
    }
    checks.push(checkMode(input.settings, plan, file), ...(input.settings.mode === 'rollback' ? [] : [checkRollback(input.settings, plan, file)]), checkSecrets(input, plan, file));
    if (environment !== undefined && choice.ok) {
        const steps = stepsOfRun(plan, input.settings.mode, environment, choice.targets);
        checks.push(steps.length > 0
            ? passed('steps are selected for this run', `${steps.length} step(s) for ${environment}`)
            : failed('steps are selected for this run', `no step of ${file} applies to environment '${environment}' and targets ${choice.targets.join(', ')}`, "check the steps' target and environments keys, or the targets input"), ...(await checkWorkingDirectories(input.settings.projectRoot, steps, file)), checkVariables({ plan, environment, targets: choice.targets, env: input.env }));
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
    const title = 'the environment is defined in the plan';
    const names = Object.keys(plan.environments);
    let environment = input.settings.environment;
    if (environment === undefined) {
        if (input.settings.isDryRun && names.length === 1) {
            environment = names[0] ?? '';
            checks.push(passed(title, `no environment input: the dry run previews the plan's only environment '${environment}'`));
        }
        else {
            checks.push(failed(title, `the environment input is empty${input.settings.isDryRun ? ` and the plan defines several (${names.join(', ')})` : ''}`, `set environment to one of the plan's environments: ${names.join(', ')}`));
            return undefined;
        }
    }
    else if (!names.includes(environment)) {
        checks.push(failed(title, `environment '${environment}' is not defined in ${file} (defined: ${names.join(', ')})`, `use one of ${names.join(', ')}, or add '${environment}' under environments in the plan`, [{ file }]));
        return undefined;
    }
    else {
        checks.push(passed(title, `'${environment}'`));
    }
    const allowed = input.gate?.environments;
    if (allowed && allowed.length > 0) {
        const gateTitle = `logos-project.yaml allows module '${input.module}' in this environment`;
        if (!allowed.includes(environment)) {
            checks.push(failed(gateTitle, `deployment_gates.${input.module}.environments lists ${allowed.join(', ')}, not '${environment}'`, `deploy to one of ${allowed.join(', ')}, or add '${environment}' to deployment_gates.${input.module}.environments`));
            return undefined;
        }
        checks.push(passed(gateTitle, `'${environment}' is one of ${allowed.join(', ')}`));
    }
    return environment;
}
function checkMode(settings, plan, file) {
    const title = 'the plan supports the mode';
    if (settings.mode === 'canary' && !plan.canary) {
        return failed(title, `mode is canary but ${file} has no canary section`, 'add canary: {steps: [...], watch: 5m} to the plan, or use mode: deploy', [{ file }]);
    }
    if (settings.mode === 'rollback' && plan.rollbackSteps.length === 0) {
        return failed(title, `mode is rollback but ${file} has no rollback.steps: a rollback on demand runs those steps`, 'add rollback: {steps: [...]} to the plan, steps that put back DEPLOY_VERSION', [{ file }]);
    }
    return passed(title, settings.mode);
}
function checkRollback(settings, plan, file) {
    const title = 'the plan declares a rollback';
    const own = plan.steps.filter(step => step.rollback !== undefined).length;
    if (plan.rollbackSteps.length > 0 || own > 0) {
        return passed(title, `${own} step rollback(s), ${plan.rollbackSteps.length} plan rollback step(s)`);
    }
    if (settings.allowNoRollback) {
        return warned(title, `${file} declares no rollback; allowed by allow-no-rollback: a failure will not be undone`, 'add rollback.steps or step rollback commands to the plan');
    }
    return failed(title, `${file} declares no rollback (no rollback.steps, no step rollback)`, 'add rollback.steps (or a rollback command to the steps) to the plan, or set allow-no-rollback: true to accept a deployment that cannot be undone', [{ file }]);
}
function checkSecrets(input, plan, file) {
    const title = "the plan's secrets are set";
    const missing = plan.secrets.filter(name => !input.env[name]);
    if (missing.length === 0)
        return passed(title, plan.secrets.length > 0 ? plan.secrets.join(', ') : 'the plan needs none');
    const detail = `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set or empty (listed under secrets in ${file})`;
    const fix = `pass ${missing.length > 1 ? 'them' : 'it'} to the step: env: { ${missing.map(name => `${name}: \${{ secrets.${name} }}`).join(', ')} }`;
    return input.settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix);
}
async function checkWorkingDirectories(root, steps, file) {
    const title = 'working directories stay inside the project';
    const checks = [];
    for (const dir of new Set(steps.map(step => step.workingDirectory))) {
        const absolute = external_node_path_default().resolve(root, dir);
        if (!isInsideReal(root, absolute)) {
            checks.push(failed(title, `working-directory '${dir}' resolves outside the project root (through a symbolic link)`, `point working-directory at a folder inside the project, or replace the link in ${file}'s steps`, [{ file }]));
            continue;
        }
        const stat = await external_node_fs_namespaceObject.promises.stat(absolute).catch(() => undefined);
        if (stat && !stat.isDirectory()) {
            checks.push(failed(title, `working-directory '${dir}' is not a folder`, `point working-directory at a folder in ${file}`, [{ file }]));
        }
        else if (!stat) {
            checks.push(warned(title, `working-directory '${dir}' does not exist yet`, 'an earlier step must create it, or the step will fail'));
        }
    }
    return checks.length > 0 ? checks : [passed(title, 'every step runs inside the project root')];
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
            rollbackSteps: []
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
        rollbackSteps
    };
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

;// CONCATENATED MODULE: ./src/plan/preflight.ts
/**
 * Pre-flight: nothing runs until every condition holds. Gathers the proposal and plan checks into
 * one list, so a refusal explains every unmet condition at once; when all hold, builds the one
 * Deployment value and the run plan that the rest of the run derives from.
 */














async function runPreflight(input) {
    const { request, source } = input;
    const root = request.projectRoot;
    const location = await locateProposal({
        root,
        ...(request.proposal === undefined ? {} : { proposalInput: request.proposal })
    });
    const checks = [];
    const isRollback = request.mode === 'rollback';
    let proposal;
    if (location.kind === 'found') {
        proposal = await readProposal(root, location.slug, location.guardModule);
        checks.push(passed('the proposal is found', `${proposal.folder} (from ${describeSource(location.source)})`));
        // A rollback on demand must be possible whatever the proposal's state has become since.
        if (!isRollback)
            checks.push(...checkProposal(proposal), ...(await checkRepeat(proposal, request)));
        const flow = proposal.verifyFlow;
        if (!isRollback && (flow.kind === 'invalid' || flow.gate.source !== 'builtin'))
            checks.splice(1, 0, await checkVerifyGate(proposal, flow, {
                isDryRun: request.isDryRun,
                runCommand: input.runGateCommand
            }));
    }
    else if (isRollback) {
        checks.push(warned('the proposal is found', `${location.problem}; a rollback does not need one, and is recorded without it`, location.fix));
    }
    else {
        checks.push(failed('the proposal is found', location.problem, location.fix));
    }
    const module = proposal?.module ?? OPENLOGOS.defaultModule;
    const load = await loadPlan(root, request.plan, module);
    const project = proposal?.project ?? (await readProjectSettings(root));
    const planChecks = await checkPlan({
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
        checks.unshift(failed('the OpenLogos project is initialised', `${OPENLOGOS.configFile} is missing (OpenLogos answers PROJECT_NOT_INITIALIZED): this folder is not the root of an OpenLogos project`, 'run the action with working-directory set to the folder holding logos/, or run openlogos init there'));
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
function describeSource(source) {
    return source === 'guard'
        ? OPENLOGOS.guardFile
        : `${OPENLOGOS.guardFile}, as the proposal input says`;
}

;// CONCATENATED MODULE: ./src/plan/run-log.ts


function logChecks(checks, log) {
    for (const check of checks) {
        if (check.status === 'passed') {
            log.info(`✔ ${check.title}: ${check.detail}`);
            continue;
        }
        const report = check.status === 'failed' ? log.error : log.warning;
        const fix = check.fix ? `\n  fix: ${check.fix}` : '';
        const places = check.where ?? [];
        if (places.some(place => place.message !== undefined)) {
            for (const place of places)
                report(`${check.title}: ${place.message ?? check.detail}`, place);
            if (fix)
                log.info(fix.trimStart());
        }
        else {
            report(`${check.title}: ${check.detail}${fix}`, places[0]);
        }
    }
}
function logRunPlan(plan, deployment, log) {
    log.info(`Environment ${deployment.environment}, targets ${deployment.targets.join(', ')}, mode ${deployment.mode}`);
    const isRollback = deployment.mode === 'rollback';
    if (isRollback)
        log.info(deployment.rollbackFrom
            ? `Rollback on demand: ${deployment.environment} from ${deployment.rollbackFrom.version} back to ${deployment.version}`
            : 'Rollback on demand: the versions are not known (see the checks)');
    let number = 0;
    for (const phase of plan.phases) {
        const at = phase.weight === undefined ? '' : ` at ${phase.weight}% (DEPLOY_CANARY_WEIGHT)`;
        log.info(`${isRollback ? 'Rollback' : phase.kind === 'canary' ? 'Canary' : 'Deployment'} phase${at}:`);
        for (const step of phase.steps) {
            number++;
            log.info(`  ${number}. ${step.name} [${step.id}]${step.target ? ` (target ${step.target})` : ''}`);
            if (step.purpose)
                log.info(`     purpose: ${step.purpose}`);
            log.info(`     in ${step.workingDirectory}, timeout ${duration_formatDuration(step.timeoutMs)}`);
            log.info(`     run: ${step.run.replace(/\n/g, '\n          ')}`);
            if (!isRollback)
                log.info(`     rollback: ${step.rollback ?? "(none of its own; the plan's rollback steps apply)"}`);
        }
        for (const { item, reason } of phase.skippedSteps)
            log.info(`  left out: ${item.name} [${item.id}]: ${reason}`);
        for (const check of phase.health) {
            const probe = check.kind === 'http' ? check.url : check.run;
            log.info(`  health: ${check.name} (${probe}); failure detected within ${duration_formatDuration(worstCaseDetectionMs(check))}`);
            const baseline = check.kind === 'command' ? check.metric?.baseline : undefined;
            if (baseline)
                log.info(`     metric baseline: median of ${baseline.samples} sample(s) before the first step${baseline.isRequired ? '; unmeasurable refuses the run' : '; unmeasurable turns the relative bounds off'}`);
        }
    }
    const own = stepRollbacks(plan).reverse();
    if (own.length + plan.rollbackSteps.length === 0)
        log.info('Rollback: none declared');
    for (const step of own)
        log.info(`Rollback of ${step.id}: ${step.rollback ?? ''}`);
    for (const step of plan.rollbackSteps)
        log.info(`Plan rollback ${step.id}: ${step.run}`);
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
        throw new ProjectFileError(`${proposalFolder} is no longer a folder (a step removed or replaced it), so DEPLOY_DONE was not written and no task was ticked: restore the proposal from git, then run openlogos deploy-done`);
    }
    const tasksFile = `${proposalFolder}/tasks.md`;
    const tasks = (await readProjectFile(root, tasksFile)) ?? '';
    const ticked = tickDeployTasks(tasks);
    if (ticked !== tasks) {
        await writeProjectFile(root, tasksFile, ticked);
        changed.push(`${proposalFolder}/tasks.md: [deploy] tasks ticked`);
        written.push(`${proposalFolder}/tasks.md`);
    }
    await writeProjectFile(root, `${proposalFolder}/${MARKER.deployDone}`, '');
    changed.push(`${proposalFolder}/${MARKER.deployDone} written`);
    written.push(`${proposalFolder}/${MARKER.deployDone}`);
    for (const marker of [MARKER.smokePass, MARKER.smokeFail]) {
        const relative = `${proposalFolder}/${marker}`;
        const problem = projectFileProblem(root, relative);
        if (problem)
            throw new ProjectFileError(`${problem}: ${PROJECT_FILE_FIX}`);
        const file = external_node_path_default().join(root, relative);
        if (await external_node_fs_namespaceObject.promises.lstat(file).then(() => true, () => false)) {
            await external_node_fs_namespaceObject.promises.rm(file, { force: true });
            changed.push(`${proposalFolder}/${marker} removed (a new deployment needs a new smoke test)`);
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
const BREAK = '\u200b';
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
        .replace(/@(?=[A-Za-z0-9_-])/g, `@${BREAK}`)
        .replace(/#(?=\d)/g, `#${BREAK}`)
        .replace(/:\/\//g, `:${BREAK}//`)
        .replace(/\b(www)\./gi, `$1${BREAK}.`);
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
    return printable(text).replace(/<!--/g, `<!-${BREAK}-`);
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
function truncateMarkdown(markdown, maxBytes, rest) {
    if (Buffer.byteLength(markdown, 'utf8') <= maxBytes)
        return markdown;
    const notice = `\n\n> ✂️ Truncated: ${rest}\n`;
    const lines = markdown.split('\n');
    let kept = lines.length;
    for (;;) {
        const body = lines.slice(0, kept).join('\n');
        const result = `${body}${closings(lines.slice(0, kept))}${notice}`;
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
        nextStep: 'Next step'
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
    previousVersionIs: 'The last successful deployment before this one:',
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
        unmeasurableFix: (command) => `Make \`${command}\` print a plain number on the last line of its output when nothing is deployed yet, or set metric.baseline.required: false to deploy with its absolute bounds (max, min) only.`,
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
    listSeparator: ', '
};
const zh = {
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
        nextStep: '下一步'
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
        skipped: '⏭️ 未执行'
    },
    checkStatus: { passed: '✅', failed: '❌', warning: '⚠️' },
    healthy: '✅ 健康',
    unhealthy: '❌ 不健康',
    mode: { deploy: '直接部署', canary: '金丝雀，然后全量发布', rollback: '按需回滚' },
    phase: { canary: '金丝雀', deploy: '部署', rollback: '回滚' },
    undo: name => `撤销：${name}`,
    anyTarget: '所有目标',
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
    previousVersionIs: '本次之前最后一次成功部署的版本：',
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
        unmeasurableFix: command => `让 \`${command}\` 在尚未部署任何内容时也在输出的最后一行打印一个数字；或者设置 metric.baseline.required: false，仅按绝对界限（max、min）部署。`,
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
    listSeparator: '、'
};
function reportText(locale) {
    return locale === 'zh' ? zh : text_en;
}
/** Both catalogues, for the test that holds them complete and apart. */
const CATALOGUES = { en: text_en, zh };

;// CONCATENATED MODULE: ./src/report/timeline.ts
function timelineOf(report, t) {
    const stepTasks = (steps) => steps.flatMap(step => {
        const task = taskOf(step.undoes === undefined ? step.id : t.undo(step.id), step.startedAt, step.durationMs, stateOf(step.status));
        return step.status === 'skipped' || !task ? [] : [task];
    });
    const checkTasks = (checks) => checks.flatMap(check => {
        const task = taskOf(check.name, check.startedAt, check.durationMs, check.isHealthy ? 'done' : 'failed');
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
    const lanes = [
        baselines,
        {
            title: t.phase.canary,
            tasks: stepTasks(report.steps.filter(step => step.phase === 'canary'))
        },
        {
            title: t.phase.deploy,
            tasks: stepTasks(report.steps.filter(step => step.phase === 'deploy'))
        },
        { title: t.sections.health, tasks: checkTasks(report.health) },
        rollback
    ];
    return lanes.filter(lane => lane.tasks.length > 0);
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
function stepCell(step, t, undoes) {
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
        [isDryRun ? f.dryRunAt : f.started, [formatTime(report.startedAt, t)]],
        [f.duration, [duration_formatDuration(report.durationMs)]],
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
        [f.authorization, report.authorization ? [report.authorization] : undefined],
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
    const traffic = trafficColumn(report.steps, t);
    const rows = report.steps.map((step, index) => [
        [String(index + 1)],
        stepCell(step, t),
        ...traffic.cell(step),
        step.target ? [document_code(step.target)] : ['—'],
        [t.stepStatus[step.status]],
        [step.status === 'skipped' ? '—' : duration_formatDuration(step.durationMs)],
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
            items: notes.map(step => ({ line: [document_code(step.id), `${t.colon}${step.note ?? ''}`] }))
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
    const { health } = report;
    const traffic = trafficColumn(health, t);
    const rows = health.map(record => [
        [record.name],
        ...traffic.cell(record),
        [record.isHealthy ? t.healthy : t.unhealthy],
        [String(record.probes)],
        [String(record.failures)],
        (record.metric && lastResultOf(record.metric, t)) ?? [
            document_code(record.lastError ?? record.lastStatus ?? '—')
        ],
        [duration_formatDuration(record.durationMs)]
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
function rollbackSection(report, t) {
    const rollback = report.rollback;
    if (!rollback)
        return undefined;
    const c = t.column;
    const rows = rollback.steps.map((step, index) => [
        [String(index + 1)],
        stepCell(step, t, step.undoes),
        [t.stepStatus[step.status]],
        [duration_formatDuration(step.durationMs)],
        [step.exitCode !== undefined ? String(step.exitCode) : '—']
    ]);
    const blocks = [
        paragraph(...t.rollbackCause(document_code(rollback.cause), duration_formatDuration(rollback.durationMs)))
    ];
    if (rows.length > 0)
        blocks.push({
            kind: 'table',
            header: [c.number, c.step, c.result, c.duration, c.exitCode],
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
            paragraph(t.previousVersionIs, ' ', point ? document_code(point.version) : t.noPreviousVersion),
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
                rows: phase.skippedSteps.map(({ item, reason }) => [stepCell(item, t), [reason]])
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
                step.target ? document_code(step.target) : t.anyTarget,
                ` · ${t.workingDirectory}${t.colon}`,
                document_code(step.workingDirectory),
                ` · ${t.timeout}${t.colon}${duration_formatDuration(step.timeoutMs)}`
            ]
        },
        {
            line: step.rollback
                ? [`${t.ownRollback}${t.colon}`, document_code(step.rollback)]
                : [`${t.ownRollback}${t.colon}${t.noOwnRollback}`]
        }
    ];
    return {
        line: stepCell(step, t),
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
        [duration_formatDuration(worstCaseDetectionMs(check))]
    ]);
    const total = checks.reduce((sum, { check }) => sum + worstCaseDetectionMs(check), 0);
    const blocks = [
        title,
        { kind: 'table', header: [c.check, c.probe, c.expect, c.schedule, c.worstCase], rows },
        paragraph(t.totalDetection(duration_formatDuration(total)))
    ];
    const skipped = plan.phases.flatMap(phase => phase.skippedHealth);
    if (skipped.length > 0)
        blocks.push({
            kind: 'table',
            header: [t.leftOut, c.why],
            rows: skipped.map(({ item, reason }) => [[item.name], [reason]])
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
    const probing = t.probing(check.retries, duration_formatDuration(check.timeoutMs), duration_formatDuration(check.intervalMs));
    return check.watchMs > 0
        ? `${probing}; ${t.watching(duration_formatDuration(check.watchMs), check.failureLimit)}`
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
    const lead = leadOf(report, t);
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
        duration: duration_formatDuration(report.durationMs)
    });
}
function rollbackSubject(report) {
    const { deployment } = report;
    return {
        version: deployment.version,
        from: deployment.rollbackFrom?.version ?? '—',
        environment: deployment.environment ?? '—',
        duration: duration_formatDuration(report.durationMs)
    };
}
/** What a reader must see first: why it failed, what was undone, or why a real run would stop. */
function leadOf(report, t) {
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
                        items: blocking.map(check => ({ line: [`${check.title}${t.colon}${check.detail}`] }))
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
    const failedStep = report.steps.find(step => step.status === 'failed' || step.status === 'timed-out');
    const failedCheck = report.health.find(check => !check.isHealthy);
    if (failedStep) {
        const how = failedStep.status === 'timed-out' ? t.stepTimedOut : t.stepFailed;
        const exit = failedStep.exitCode === undefined ? '' : t.exitCodeSuffix(failedStep.exitCode);
        blocks.push(paragraph(...t.failedStepLead(document_code(failedStep.id), how, exit, duration_formatDuration(failedStep.durationMs))));
        const lines = linesThatMatter(failedStep.outputTail ?? '');
        if (lines.length > 0)
            blocks.push({ kind: 'code', text: lines.join('\n'), language: 'text' });
    }
    else if (failedCheck?.metric && failedCheck.metric.samples.length > 0) {
        const result = lastResultOf(failedCheck.metric, t) ?? [];
        blocks.push(paragraph(...t.metric.failedLead(failedCheck.name, placeOf(failedCheck, t), result)));
    }
    else if (failedCheck) {
        const result = failedCheck.lastError ?? failedCheck.lastStatus ?? '—';
        blocks.push(paragraph(...t.failedCheckLead(failedCheck.name, document_code(result))));
    }
    else if (report.status === 'cancelled') {
        blocks.push(paragraph(strong(t.cancelledLead)));
    }
    if (report.error)
        blocks.push(paragraph(strong(t.errorLead), ' ', report.error));
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
        const [first = '', ...rest] = (check.fix ?? '').split('\n');
        const children = check.detail.split('\n').map(line => paragraph(line));
        if (check.fix)
            children.push(paragraph(strong(`${t.fix}${t.colon.trimEnd()}`), ' ', first));
        // A fix may carry a block to paste (a front matter skeleton).
        if (rest.length > 0)
            children.push({ kind: 'code', text: rest.join('\n'), language: 'yaml' });
        return { line: [strong(check.title)], children };
    });
    return { title: t.sections.unmet, blocks: [{ kind: 'list', isOrdered: true, items }] };
}
function timelineSection(report, t) {
    const lanes = timelineOf(report, t);
    if (lanes.length === 0)
        return undefined;
    return {
        title: t.sections.timeline,
        blocks: [{ kind: 'timeline', lanes }, paragraph(t.timelineNote)]
    };
}
function checksSection(checks, t) {
    if (checks.length === 0)
        return undefined;
    const rows = checks.map(check => [
        [t.checkStatus[check.status]],
        [check.title],
        [check.detail.split('\n')[0] ?? '']
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
            .map(check => `${check.detail}${check.fix ? ` (${check.fix})` : ''}`),
        ...baselineWarnings(report.baselines ?? [], t),
        ...report.warnings
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
const MERMAID_KEYWORDS = /^(section|title|dateformat|axisformat|excludes|includes|todaymarker|tickinterval|weekday|click|gantt)\b/i;
/**
 * A task or section name as Mermaid reads it: no separators, no keyword at the start, and no `%`
 * or braces, which Mermaid would read as a comment or a `%%{init: ...}%%` directive anywhere.
 */
function ganttName(name) {
    const plain = name
        .replace(/[:;#`<>%{}\r\n]/g, ' ')
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
function xychart(chart) {
    const list = (items) => `[${items.join(', ')}]`;
    const lines = [
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
        log.info(`Report entry ${options.replacing ? 'updated' : 'written'} in ${settings.reportPath}`);
    }
    catch (error) {
        const warning = `could not write the report file ${settings.reportPath} (${error.message}): check the path and permissions; ${report.status === 'success' ? 'the markers were not written either, as openlogos deploy-done needs the report' : 'the report is in the log and the job summary'}`;
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
        log.info('Markers left alone: a rollback on demand changes no OpenLogos marker');
        return done;
    }
    if (report.status !== 'success') {
        log.info('No marker written: the deployment did not succeed');
        return done;
    }
    if (!settings.writeMarkers) {
        log.info('Markers left alone (write-markers: false): run openlogos deploy-done yourself');
        return done;
    }
    // openlogos deploy-done, status and smoke expect the report at this one path: markers beside a
    // report elsewhere would leave a state OpenLogos does not accept.
    const expected = OPENLOGOS.defaultReportPath;
    if (settings.reportPath !== expected &&
        !(await isFile(external_node_path_default().join(settings.projectRoot, expected)))) {
        const warning = `the markers were not written: the report went to ${settings.reportPath}, but OpenLogos needs ${expected} to exist after a deployment; use the default report-path, or put a report there and run openlogos deploy-done`;
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
        const warning = `could not write the OpenLogos markers (${error.message}): run openlogos deploy-done by hand`;
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
                    wouldRefuse(ROLLBACK_VERSIONS_TITLE, choice.problem, choice.fix)
                ]
            };
        if (choice.kind === 'found')
            choice.notes.forEach(note => deps.log.info(note));
        await deps.log.group('Dry run: what a real run would do', () => Promise.resolve(logRunPlan(runPlan, previewed.deployment, deps.log)));
        return finish(previewed, 'dry-run', deps);
    }
    if (settings.isDryRun) {
        await deps.log.group('Dry run: what a real run would do', () => Promise.resolve(logRunPlan(runPlan, preflight.deployment, deps.log)));
        return finish(ready, 'dry-run', deps);
    }
    const decision = await authorize(preflight.deployment.environment, deps);
    if (decision.kind === 'refused') {
        return finish(withFailedCheck(ready, 'the deployment is authorized', decision.problem, decision.fix), 'refused', deps);
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
        const title = preflight.deployment.mode === 'rollback'
            ? ROLLBACK_VERSIONS_TITLE
            : 'the deployment record and rollback point are known';
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
    const status = statusOf(deployment.mode, execution.status);
    return recordOutcome(finish(withExecution(measured.report, execution), status, deps), {
        execution,
        settings,
        journal,
        deps
    });
}
async function checkReadiness(settings, deps) {
    return deps.log.group('Checking the proposal and the plan', async () => {
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
            deps.log.error(`Deployment refused: ${unmet} pre-flight condition(s) unmet. Nothing was run.`);
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
            env: { ...jobEnvironment(deps.env), OPENLOGOS_GATE_COMMAND: command },
            timeoutMs,
            onOutput: () => undefined,
            tailBytes: 4096,
            signal: deps.signal
        });
        const detail = result.status === 'timed-out'
            ? 'timed out'
            : result.exitCode === undefined
                ? `did not finish (${result.status})`
                : `exited with ${result.exitCode}`;
        return { isPassed: result.status === 'succeeded', detail };
    };
}
async function authorize(environment, deps) {
    return deps.log.group(`Authorizing the deployment to ${environment}`, async () => {
        const result = await deps.gate.authorize(environment);
        if (result.kind === 'approved')
            deps.log.info(`Authorized: ${result.authorization}`);
        else
            deps.log.error(`${result.problem}\n  fix: ${result.fix}`);
        return result;
    });
}
async function recordRollbackPoint(deployment, deps, onCreated) {
    return deps.log.group(`Recording the rollback point of ${deployment.environment}`, async () => {
        const result = await deps.tracker.begin(deployment, onCreated);
        if (result.kind === 'refused')
            deps.log.error(`${result.problem}\n  fix: ${result.fix}`);
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
    const result = await deps.log.group('Measuring the metric baselines', () => measureBaselines({
        runPlan,
        root: settings.projectRoot,
        job: jobEnvironment(deps.env),
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
    const t = reportText(report.locale);
    const { check, sample } = result;
    const detail = t.metric.unmeasurable(check.name, sample.n, check.metric.baseline.samples, sampleProblem(sample, t));
    deps.log.error(`Deployment refused before its first step: ${detail}`);
    const refused = finish(withFailedCheck(measured, t.metric.baselineTitle, detail, t.metric.unmeasurableFix(check.run)), 'refused', deps);
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
    deps.log.info(`Deploying ${deployment.proposal} version ${deployment.version} to ${deployment.environment} (rollback point: ${point ? `version ${point.version}` : 'none, first deployment'})`);
    return executeRunPlan({
        runPlan,
        deployment,
        root: settings.projectRoot,
        job: jobEnvironment(deps.env),
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
    return deps.log.group('Recording the deployment', async () => {
        // A cancelled run whose rollback is still to come is not final: the post step records it.
        const isFinal = execution.pendingRollback === undefined;
        const warning = isFinal
            ? await deps.tracker.finish({
                status: recordedStatus(report),
                summary: deps.secrets.redact(`${report.status}: ${report.deployment.proposal ?? ''} ${report.deployment.version}`),
                deployUrl: urlForGitHub(report.deployUrl, deps)
            })
            : undefined;
        if (warning)
            deps.log.warning(warning);
        if (!isFinal)
            deps.log.warning('Cancelled: the rollback runs in the post step of this action');
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
function urlForGitHub(url, deps) {
    if (url === undefined || !deps.secrets.holdsSecret(url))
        return url;
    deps.log.warning('the deployment URL holds a secret, so it is not sent to GitHub as the environment URL: report a URL without credentials or tokens');
    return undefined;
}
const ROLLBACK_VERSIONS_TITLE = 'the live version and the version to put back are known';
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
function statusOf(mode, status) {
    return mode === 'rollback' && status === 'success' ? 'rolled-back' : status;
}
/** What GitHub's deployment record is told: a rollback on demand that worked is a success there. */
function recordedStatus(report) {
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
            deployUrl: progress.deployUrl || undefined
        }, {
            runningStep: progress.runningStep,
            runningWeight: progress.runningWeight,
            runningProcessGroup: progress.runningProcessGroup,
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
function refuseInputs(errors, deps) {
    for (const error of errors)
        deps.log.error(error.message);
    const checks = errors.map(error => failed('the action inputs are valid', error.message, `correct the ${error.input} input`));
    const facts = {
        targets: [],
        mode: 'deploy',
        isDryRun: false,
        version: versionOf(undefined, deps.context.sha, deps.context.ref),
        sha: deps.context.sha
    };
    const start = { locale: 'en', checks, isSmokeRequired: false };
    return emptyReport(start, facts, deps.clock.now(), deps);
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
var external_node_v8_default = /*#__PURE__*/__nccwpck_require__.n(external_node_v8_namespaceObject);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
var external_node_vm_default = /*#__PURE__*/__nccwpck_require__.n(external_node_vm_namespaceObject);
;// CONCATENATED MODULE: ./src/execution/output-memory.ts
/**
 * Keeps memory flat while a step prints gigabytes. Each read of a step's output is a fresh buffer
 * outside the JavaScript heap; passing bytes through allocates almost nothing on the heap, so the
 * collector seldom runs, and dead read buffers pile up to tens of megabytes before it does. A cheap
 * young-generation collection every few megabytes of output returns them at once.
 */


const COLLECT_EVERY_BYTES = 16 * 1024 * 1024;
let collector = null;
function youngCollector() {
    if (collector === null) {
        try {
            external_node_v8_default().setFlagsFromString('--expose-gc');
            collector = external_node_vm_default().runInNewContext('gc');
        }
        catch {
            collector = undefined;
        }
    }
    return collector;
}
/** Counts output bytes; every 16 MiB asks for a young-generation collection (about 0.1 ms). */
function outputMemoryKeeper() {
    let sinceCollection = 0;
    return bytes => {
        sinceCollection += bytes;
        if (sinceCollection < COLLECT_EVERY_BYTES)
            return;
        sinceCollection = 0;
        youngCollector()?.({ type: 'minor' });
    };
}

;// CONCATENATED MODULE: ./src/execution/command-runner.ts
/**
 * Runs one bash script as a step: its own process group (so a timeout or a cancellation stops the
 * whole tree), output streamed as it arrives with backpressure, and only a bounded tail kept.
 * @actions/exec has no timeout or group kill, hence child_process.spawn.
 */






const BASH_ARGS = ['--noprofile', '--norc', '-eo', 'pipefail'];
/**
 * Keeps the end of a stream, at most `limit` bytes, whatever its size. When the stream was longer,
 * the tail starts at a line boundary: a cut inside a line could start inside a secret, whose
 * remaining part no redaction would recognise.
 */
class TailBuffer {
    limit;
    chunks = [];
    size = 0;
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1) {
            this.size -= this.chunks.shift()?.length ?? 0;
        }
    }
    toString() {
        const all = Buffer.concat(this.chunks);
        if (all.length <= this.limit)
            return all.toString('utf8');
        const tail = all.subarray(all.length - this.limit);
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
                return await runScript(bash, scriptFile, spec, killGraceMs, drainMs);
            }
            finally {
                (0,external_node_fs_namespaceObject.rmSync)(scriptFile, { force: true });
            }
        }
    };
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
        const child = (0,external_node_child_process_namespaceObject.spawn)(bash, [...BASH_ARGS, scriptFile], {
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
            finish({ error: `could not start bash: ${error.message}` });
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

;// CONCATENATED MODULE: ./src/github/approval.ts
/** The CLI's gate: the environment name typed again on the command line. */
function localConfirmation(confirmedEnvironment, user) {
    return {
        authorize: environment => Promise.resolve(confirmedEnvironment === environment
            ? {
                kind: 'approved',
                authorization: `confirmed locally by ${user} with --confirm ${environment}; no GitHub approval gate`,
                approvals: []
            }
            : {
                kind: 'refused',
                problem: `a local deployment to '${environment}' needs --confirm ${environment}`,
                fix: `run again with --confirm ${environment} to authorize it, or use --dry-run`
            })
    };
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
            return (0,external_node_child_process_namespaceObject.execFileSync)('git', args, {
                cwd,
                encoding: 'utf8',
                stdio: ['ignore', 'pipe', 'ignore']
            }).trim();
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
        const data = JSON.parse(readFileSync(file, 'utf8'));
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
function deployment_record_chooseRollback(live, request, source) {
    const { environment, version: requested } = request;
    const [current, ...earlier] = live;
    if (!current) {
        return {
            kind: 'refused',
            problem: `no successful deployment of '${environment}' is on record (${source}): there is nothing to roll back`,
            fix: 'a rollback puts back a version deployed before: deploy with mode: deploy first'
        };
    }
    const found = `found in ${source}: ${live.map(item => item.version).join(', ')}`;
    if (requested !== '' && requested === current.version) {
        return {
            kind: 'refused',
            problem: `version ${requested} is the one '${environment}' runs now (${found})`,
            fix: 'leave the version input empty to put back the version before it, or name an earlier one'
        };
    }
    const target = requested === ''
        ? earlier.find(item => item.version !== current.version)
        : earlier.find(item => item.version === requested);
    if (!target) {
        return {
            kind: 'refused',
            problem: requested === ''
                ? `'${environment}' runs ${current.version} and no earlier version was deployed successfully (${found})`
                : `version ${requested} was never deployed successfully to '${environment}' before ${current.version} (${found})`,
            fix: requested === ''
                ? 'deploy the version you want with mode: deploy'
                : 'name one of the versions found, or leave the version input empty for the one before the live one'
        };
    }
    return { kind: 'found', current, target, notes: [] };
}
/** Outside GitHub: the report file is the only record. */
function deployment_record_reportFileTracker(root, reportPath) {
    const resolveRollback = async (request) => {
        const live = await liveDeployments(root, reportPath, request.environment);
        return deployment_record_chooseRollback(live.map(record => ({ sha: record.sha ?? '', version: record.version })), request, reportPath);
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
                        `from ${reportPath}: ${request.environment} runs ${choice.current.version}; putting back ${choice.target.version}`
                    ]
                };
            }
            const previous = await lastSuccessfulDeployment(root, reportPath, request.environment);
            return {
                kind: 'started',
                rollbackPoint: previous
                    ? { sha: previous.sha ?? '', version: previous.version }
                    : undefined,
                notes: previous ? [`rollback point from ${reportPath}: version ${previous.version}`] : []
            };
        },
        finish: () => Promise.resolve(undefined)
    };
}

;// CONCATENATED MODULE: ./src/report/terminal.ts


const ansi = (open, close) => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLOURS = {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    code: ansi(36, 39),
    level: { note: ansi(34, 39), tip: ansi(32, 39), warning: ansi(33, 39), caution: ansi(31, 39) }
};
const same = (text) => text;
const terminal_PLAIN = {
    bold: same,
    dim: same,
    code: same,
    level: { note: same, tip: same, warning: same, caution: same }
};
/** Width of the timeline's bars, in characters. */
const BAR_WIDTH = 40;
/** `report` must already be redacted. */
function renderTerminal(report, locale, options) {
    return terminalText(buildDocument(report, locale), options.isColour ? COLOURS : terminal_PLAIN);
}
function terminalText(document, style) {
    const parts = [style.bold(plain(document.headline))];
    if (document.lead) {
        const colour = style.level[document.lead.level];
        parts.push(document.lead.blocks
            .map(item => terminal_block(item, style))
            .join('\n\n')
            .replace(/^/gm, colour('│ ')));
    }
    document.sections.forEach((section, index) => {
        const number = document.isNumbered ? `${chineseNumeral(index + 1)}、` : '';
        const title = `${number}${plain(section.title)}`;
        parts.push(`${style.bold(title)}\n${style.dim('─'.repeat(width(title)))}`, ...section.blocks.map(item => terminal_block(item, style)));
    });
    return `${parts.join('\n\n')}\n`;
}
function terminal_block(item, style) {
    switch (item.kind) {
        case 'paragraph':
            return terminal_inline(item.line, style);
        case 'list':
            return item.items
                .map((entry, index) => {
                const marker = item.isOrdered ? `${index + 1}. ` : '• ';
                const children = (entry.children ?? []).map(child => terminal_block(child, style).replace(/^/gm, ' '.repeat(marker.length)));
                return [`${marker}${terminal_inline(entry.line, style)}`, ...children].join('\n');
            })
                .join('\n');
        case 'table':
            return tableText(item.header.map(plain), item.rows.map(row => row.map(cell => terminal_inline(cell, terminal_PLAIN))), style);
        case 'code':
            return plain(item.text)
                .split('\n')
                .map(line => `    ${style.code(line)}`)
                .join('\n');
        case 'collapsed':
            return [
                style.dim(`▸ ${plain(item.summary)}`),
                ...item.blocks.map(child => terminal_block(child, style))
            ].join('\n');
        case 'timeline':
            return bars(item.lanes, style);
        case 'chart':
            return sparklines(item.chart, style);
    }
}
function terminal_inline(line, style) {
    return line.map(piece => terminal_part(piece, style)).join('');
}
function terminal_part(piece, style) {
    if (typeof piece === 'string')
        return plain(piece);
    if ('code' in piece)
        return style.code(plain(piece.code));
    if ('strong' in piece)
        return style.bold(plain(piece.strong));
    return piece.link === piece.url ? plain(piece.url) : `${plain(piece.link)} <${plain(piece.url)}>`;
}
/** Control characters from untrusted text would drive the terminal: shown, never obeyed. */
function plain(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '�');
}
const graphemes = new Intl.Segmenter();
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;
/** Display width, character by character: CJK and emoji take two columns, marks none. */
function width(text) {
    let columns = 0;
    for (const { segment } of graphemes.segment(text))
        columns += WIDE.test(segment) ? 2 : 1;
    return columns;
}
/** The longest start of `text` that fits in `columns`, cut between whole characters. */
function cutToWidth(text, columns) {
    let result = '';
    for (const { segment } of graphemes.segment(text)) {
        if (width(result + segment) > columns)
            break;
        result += segment;
    }
    return result;
}
function tableText(header, rows, style) {
    const widths = header.map((cell, column) => Math.min(60, Math.max(width(cell), ...rows.map(row => width(row[column] ?? '')))));
    const pad = (cell, column) => {
        const columns = widths[column] ?? 0;
        const cut = width(cell) > columns ? `${cutToWidth(cell, columns - 1)}…` : cell;
        return cut + ' '.repeat(Math.max(0, columns - width(cut)));
    };
    const line = (cells) => cells.map(pad).join('  ').trimEnd();
    return [style.bold(line(header)), ...rows.map(line)].join('\n');
}
/** The timeline as bars on a common scale. */
function bars(lanes, style) {
    const tasks = lanes.flatMap(lane => lane.tasks);
    const start = Math.min(...tasks.map(task => task.startMs));
    const end = Math.max(...tasks.map(task => task.endMs));
    const span = Math.max(1, end - start);
    const nameWidth = Math.min(30, Math.max(...tasks.map(task => width(task.name))));
    const lines = [];
    for (const lane of lanes) {
        lines.push(style.bold(plain(lane.title)));
        for (const task of lane.tasks) {
            const from = Math.floor(((task.startMs - start) / span) * BAR_WIDTH);
            const length = Math.max(1, Math.round(((task.endMs - task.startMs) / span) * BAR_WIDTH));
            const mark = task.state === 'done' ? '█' : task.state === 'failed' ? '▓' : '░';
            const name = plain(task.name);
            lines.push(`  ${name}${' '.repeat(Math.max(0, nameWidth - width(name)))}  ${' '.repeat(from)}${mark.repeat(length)}`);
        }
    }
    return lines.join('\n');
}
const LEVELS = '▁▂▃▄▅▆▇█';
/** A chart as one line of blocks per series, on a common scale. */
function sparklines(chart, style) {
    const values = chart.series.flatMap(series => series.values);
    const low = Math.min(...values);
    const span = Math.max(...values) - low;
    const nameWidth = Math.max(...chart.series.map(series => width(plain(series.name))));
    const level = (value) => LEVELS[span === 0 ? 0 : Math.round(((value - low) / span) * (LEVELS.length - 1))] ?? '';
    return [
        style.bold(plain(chart.title)),
        ...chart.series.map(series => {
            const name = plain(series.name);
            return `  ${name}${' '.repeat(Math.max(0, nameWidth - width(name)))}  ${series.values.map(level).join('')}`;
        })
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/model.ts
/** Statuses after which the action's step succeeds. */
const SUCCESSFUL_STATUSES = ['success', 'dry-run'];
/** Whether the run did what it was asked: deployed, previewed, or (mode rollback) rolled back. */
function isSuccessfulRun(report) {
    return (SUCCESSFUL_STATUSES.includes(report.status) ||
        (report.deployment.mode === 'rollback' && report.status === 'rolled-back'));
}

;// CONCATENATED MODULE: ./src/action/init-command.ts
/**
 * `deploy-executor init`: drafts the executable front matter of a deployment plan that is still
 * prose, from the plan itself (plan/draft.ts). Shows the draft; writes it at the top of the plan
 * only with --write, and never over existing front matter. The draft's placeholders keep
 * pre-flight refusing the plan until a person has reviewed and completed it.
 */









const INIT_USAGE = `Usage: deploy-executor init [options]

Drafts the executable front matter of the deployment plan from its prose: the shell commands of its
build, release and deploy sections, the environments and secret names it mentions. Every value to
decide is a <TODO: …> placeholder; pre-flight refuses the plan until none is left.

  --plan <file>              default: the plan in ${OPENLOGOS.planDir}/
  --working-directory <dir>  the project root (default .)
  --write                    write the draft at the top of the plan (default: only show it)
  -h, --help                 this text
`;
/** Returns the exit code: 0 drafted (or written), 1 nothing to draft, 2 bad usage. */
async function runInit(io) {
    let values;
    try {
        values = (0,external_node_util_.parseArgs)({
            args: io.argv,
            options: {
                plan: { type: 'string' },
                'working-directory': { type: 'string' },
                write: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            },
            strict: true
        }).values;
    }
    catch (error) {
        io.err(`deploy-executor init: ${error.message}\n\n${INIT_USAGE}`);
        return 2;
    }
    if (values.help) {
        await io.out(INIT_USAGE);
        return 0;
    }
    const root = external_node_path_default().resolve(io.cwd, values['working-directory'] ?? '.');
    const found = await planFile(root, values.plan);
    if ('problem' in found) {
        io.err(`deploy-executor init: ${found.problem}\n`);
        return 1;
    }
    const text = await external_node_fs_namespaceObject.promises.readFile(external_node_path_default().join(root, found.file), 'utf8');
    if (hasFrontMatter(text)) {
        io.err(`deploy-executor init: ${found.file} already opens with front matter; nothing was drafted. Edit it by hand, or remove it to draft again.\n`);
        return 1;
    }
    const project = await readProjectSettings(root);
    const draft = draftFrontMatter(text, {
        environments: project.gates[OPENLOGOS.defaultModule]?.environments ?? []
    });
    const summary = draft.commands.length > 0
        ? `${draft.commands.length} command(s) from ${[...new Set(draft.commands.map(item => item.section))].join(', ')}`
        : 'no shell command in a build, release or deploy section';
    if (!values.write) {
        await io.out(`Draft front matter for ${found.file} (${summary}); run again with --write to put it at the top of the plan:\n\n${draft.frontMatter}\n`);
        return 0;
    }
    await writeFileAtomic(external_node_path_default().join(root, found.file), `${draft.frontMatter}\n${text}`);
    await io.out(`Wrote the draft front matter at the top of ${found.file} (${summary}). Review every step and replace each <TODO: …>: pre-flight refuses the plan until none is left.\n`);
    return 0;
}
async function planFile(root, input) {
    if (input !== undefined) {
        const absolute = external_node_path_default().resolve(root, input);
        if (!isInsideReal(root, absolute))
            return { problem: `--plan '${input}' leads outside the project root ${root}` };
        return { file: external_node_path_default().relative(root, absolute) };
    }
    const names = await external_node_fs_namespaceObject.promises.readdir(external_node_path_default().join(root, OPENLOGOS.planDir)).catch(() => []);
    const plans = names.filter(name => name.endsWith('.md')).sort();
    const chosen = plans.length === 1
        ? plans[0]
        : plans.find(name => name.startsWith(`${OPENLOGOS.defaultModule}-`));
    if (chosen === undefined)
        return {
            problem: plans.length === 0
                ? `no deployment plan in ${OPENLOGOS.planDir}/: write one first (OpenLogos deployment-designer), or name it with --plan`
                : `several plans in ${OPENLOGOS.planDir}/ (${plans.join(', ')}): name one with --plan`
        };
    return { file: `${OPENLOGOS.planDir}/${chosen}` };
}

;// CONCATENATED MODULE: ./src/github/client.ts
/**
 * Pages of 100 deployments read for the rollback point: a last success behind a run of failed
 * deployments is still found, and the common case (the newest one succeeded) costs one page.
 */
const DEPLOYMENT_PAGES = 2;
/** Pages of 100 comments read to find this action's comment: 5,000 comments. */
const COMMENT_PAGES = 50;
/** A failed API call, with what the caller needs to explain it. */
const COMMIT_MUTATION = (/* unused pure expression or super */ null && (`mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}`));
class GitHubApiError extends Error {
    status;
    acceptedPermissions;
    constructor(message, status, 
    /** From X-Accepted-GitHub-Permissions: the permission the token lacks, e.g. "actions=read". */
    acceptedPermissions, options) {
        super(message, options);
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
function client_explainApiError(error, fallbackPermission) {
    if (error instanceof GitHubApiError) {
        if (error.status === 403 || error.status === 401) {
            return `the token was refused (HTTP ${error.status}): add '${error.missingPermission ?? fallbackPermission}' under permissions: in the job`;
        }
        return `GitHub answered HTTP ${error.status}: ${error.message}`;
    }
    return `could not reach the GitHub API: ${error.message}`;
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
                throw new GitHubApiError('the request was not sent: the run was cancelled', 0);
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
                    throw new GitHubApiError('the request stopped: the run was cancelled', 0, undefined, {
                        cause: error
                    });
                if (isTimeout(error)) {
                    if (attempt >= policy.attempts)
                        throw new GitHubApiError(`no answer from GitHub within ${limits.timeoutMs / 1000}s, ${attempt} times`, 0, undefined, { cause: error });
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
            throw new Error('GitHub answered the list of deployments with something else than a list');
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
/** The real client. @actions/github is loaded only here, so a run that needs no API never pays for it. */
async function client_createGitHubClient(token, repository, clock, signal) {
    const [owner = '', repo = ''] = repository.split('/');
    const { getOctokit } = await __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
    const octokit = getOctokit(token, {
        log: {
            debug: () => undefined,
            info: () => undefined,
            warn: () => undefined,
            error: () => undefined
        }
    });
    return octokitClient(octokit, { owner, repo }, clock, DEFAULT_RETRY, {
        timeoutMs: REQUEST_TIMEOUT_MS,
        ...(signal ? { signal } : {})
    });
}

;// CONCATENATED MODULE: ./src/github/deployment-tracker.ts



/** Whether a run uses GitHub's deployment of its job, creates its own, or keeps no GitHub deployment. */
const GITHUB_DEPLOYMENT_MODES = ['auto', 'create', 'off'];
const ACTIVE_STATES = new Set(['in_progress', 'queued', 'pending']);
/** A deployment left "in progress" for longer than this was abandoned, not running. */
const STALE_AFTER_MS = (/* unused pure expression or super */ null && (6 * 60 * 60 * 1000));
/**
 * Starts the description of every final status the action posts. GitHub marks a job's
 * deployment `success` itself when the job succeeds, dry run or not; only a deployment carrying
 * this mark on a `success` status was recorded by a real run of the action.
 */
const RECORDED_BY = '[deploy-executor]';
/** Opens the description of the inactive status a rollback on demand gives the deployment it replaced. */
const REPLACED_BY = (/* unused pure expression or super */ null && (`${RECORDED_BY} replaced by`));
/**
 * How many deployments, newest first, are looked into for the live one (one request each, and the
 * walk stops at the first deployment the action recorded): a success behind this many failed or
 * foreign deployments is still found; beyond it the report says how far it looked.
 */
const HISTORY_LOOKUPS = 100;
function deployment_tracker_githubDeploymentTracker(client, context, clock, log, options) {
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
                    problem: `could not read the GitHub deployments of '${request.environment}' (${error.message}), so the version to put back is unknown`,
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
                const problem = `could not read or create the GitHub deployment of '${request.environment}' (${error.message}), so the rollback point is unknown`;
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
                return `could not mark GitHub deployment ${created} as ${outcome.status}: ${explainApiError(error, 'deployments: write')}`;
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
                return `could not mark GitHub deployment ${replaced.id} inactive after the rollback: ${explainApiError(error, 'deployments: write')}; a later rollback may choose its version again`;
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
        notes.push(...choice.notes, `GitHub deployment ${deployment.id} created for ${target.version}, replacing ${current.version}, and marked in progress`);
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
        const history = await readHistory(others, request.environment, notes, live => chooseRollback(live.map(pointOf), request, '').kind === 'found');
        if (history.kind === 'refused')
            return history;
        const source = `the last ${Math.min(others.length, HISTORY_LOOKUPS)} GitHub deployments`;
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
                    notes: [...notes, `version ${request.version} found in the report file`],
                    currentId
                };
            }
        }
        // Why a version was passed over belongs with the refusal: a reader asked for it.
        return choice.kind === 'refused' && notes.length > 0
            ? { ...choice, problem: `${choice.problem}; ${notes.join('; ')}` }
            : choice;
    }
    /**
     * A deployment this run created and then could not start is closed at once, so that it does not
     * hold the next run waiting. When the run was cancelled no request can go out any more: the
     * journal knows the deployment, and the post step closes it.
     */
    async function abandon() {
        if (created === undefined || options.signal?.aborted)
            return;
        try {
            await client.createDeploymentStatus(created, {
                state: 'error',
                description: `${RECORDED_BY} not started: the run stopped before its first step`,
                ...(context.runUrl ? { logUrl: context.runUrl } : {})
            });
            created = undefined;
        }
        catch (error) {
            log.warning(`could not close GitHub deployment ${created} (${error.message}): it may hold the next run of this environment waiting; mark it inactive or delete it`);
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
            notes.push(`GitHub deployment ${ours.id} was created for this job by its environment`);
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
            notes.push(`GitHub deployment ${deployment.id} created and marked in progress`);
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
                        problem: `another run is still deploying '${environment}' (GitHub deployment ${deployment.id}, ${state}) after waiting ${formatDuration(options.waitTimeoutMs)}`,
                        fix: `let it finish and run again; add 'concurrency: { group: deploy-${environment}, cancel-in-progress: false }' to the workflow so runs queue`
                    };
                }
            }
            // A success GitHub posted by itself sets the older deployments inactive: look past it.
            if (state !== 'success' && state !== 'inactive')
                continue;
            if (wasReplaced(statuses)) {
                notes.push(`GitHub deployment ${deployment.id} (${deployment_tracker_versionOf(deployment)}) was replaced by a rollback on demand, so it is not a version to go back to`);
                continue;
            }
            if (wasRecordedByUs(statuses)) {
                live.push(deployment);
                if (isEnough(live))
                    break;
                continue;
            }
            if (state === 'success')
                notes.push(`GitHub deployment ${deployment.id} succeeded without a deployment recorded by deploy-executor (a dry run in a job with 'environment:', or another tool), so it is not a rollback point`);
        }
        if (live.length === 0 && others.length > HISTORY_LOOKUPS)
            log.warning(`no deployment recorded by deploy-executor among the newest ${HISTORY_LOOKUPS} of ${others.length} GitHub deployments of '${environment}'; older ones were not looked into, so the rollback point comes from the report file, if it has one`);
        return { kind: 'read', live };
    }
    async function waitForOther(deployment, environment, notes) {
        const pollMs = options.pollIntervalMs ?? 10_000;
        const deadline = clock.now() + options.waitTimeoutMs;
        let state = 'in_progress';
        log.warning(`Another run is deploying '${environment}' (GitHub deployment ${deployment.id}); waiting for it, at most ${formatDuration(options.waitTimeoutMs)}`);
        while (clock.now() < deadline) {
            await clock.sleep(Math.min(pollMs, deadline - clock.now()), options.signal);
            if (options.signal?.aborted)
                break;
            state = await latestState(deployment.id);
            if (!ACTIVE_STATES.has(state))
                break;
            log.info(`still ${state}; waiting`);
        }
        notes.push(`waited for GitHub deployment ${deployment.id} of another run to finish (${state})`);
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
            log.warning(`could not list the commits since ${base.slice(0, 7)}: ${explainApiError(error, 'contents: read')}`);
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
        return { kind: 'skipped', reason: 'persist is off' };
    if (request.files.written.length + request.files.deleted.length === 0)
        return { kind: 'skipped', reason: 'the run changed no file' };
    const branch = branchOf(context);
    if (!branch || !context.sha)
        return {
            kind: 'failed',
            warning: `the record was not committed: the run's ref (${context.ref ?? 'none'}) is not a branch; run the deployment from the proposal's branch, or commit the files by hand`
        };
    try {
        if (request.mode === 'commit') {
            const head = await client.getBranchHead(branch);
            if (head === undefined)
                return {
                    kind: 'failed',
                    warning: `the record was not committed: branch ${branch} no longer exists`
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
            warning: `the record was not committed (${explainApiError(error, 'contents: write')}): give the job contents: write (and pull-requests: write for persist: pull-request), allow it to push to ${branch} past branch protection, or commit the files listed below by hand`
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
function optionalText() {
    return schemas_string()
        .optional()
        .transform(value => (value === undefined || value.trim() === '' ? undefined : value.trim()))
        .refine(value => value === undefined || !inputs_CONTROL.test(value), {
        error: 'must be one line of text without control characters'
    });
}
function flag(defaultValue) {
    return schemas_string()
        .optional()
        .transform((value, ctx) => {
        const text = trimmed(value, String(defaultValue));
        if (['true', 'True', 'TRUE'].includes(text))
            return true;
        if (['false', 'False', 'FALSE'].includes(text))
            return false;
        ctx.addIssue({ code: 'custom', message: `is '${text}': write true or false` });
        return NEVER;
    });
}
function choice(choices, defaultValue) {
    const values = schemas_enum(choices);
    return schemas_string()
        .optional()
        .transform((value, ctx) => {
        const text = trimmed(value, defaultValue);
        const parsed = values.safeParse(text);
        if (parsed.success)
            return parsed.data;
        const list = choices.length === 2
            ? choices.join(' or ')
            : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1) ?? ''}`;
        ctx.addIssue({ code: 'custom', message: `is '${text}': write ${list}` });
        return NEVER;
    });
}
function positiveDuration(defaultValue) {
    return schemas_string()
        .optional()
        .transform((value, ctx) => {
        const text = trimmed(value, defaultValue);
        const ms = parseDurationMs(text);
        if (ms === undefined || ms === 0) {
            ctx.addIssue({
                code: 'custom',
                message: `is '${text}': write a positive ${DURATION_HINT.slice(2)}`
            });
            return NEVER;
        }
        if (ms > MAX_DURATION_MS) {
            ctx.addIssue({
                code: 'custom',
                message: `is '${text}': write at most ${duration_formatDuration(MAX_DURATION_MS)}`
            });
            return NEVER;
        }
        return ms;
    });
}
const targets = schemas_string()
    .optional()
    .transform((value, ctx) => {
    if (value === undefined)
        return { kind: 'all' };
    const text = value.trim();
    if (text === '') {
        ctx.addIssue({
            code: 'custom',
            message: "is empty: write all, primary, or comma-separated target names (an empty selection is refused rather than read as 'all')"
        });
        return NEVER;
    }
    if (text === 'all')
        return { kind: 'all' };
    if (text === 'primary')
        return { kind: 'primary' };
    const names = text.split(',').map(name => name.trim());
    if (names.some(name => name === '')) {
        ctx.addIssue({
            code: 'custom',
            message: `'${text}' has an empty name: remove the extra comma`
        });
        return NEVER;
    }
    return { kind: 'names', names: [...new Set(names)] };
});
const prNumber = schemas_string()
    .optional()
    .transform((value, ctx) => {
    const text = (value ?? '').trim();
    if (text === '')
        return undefined;
    if (!/^[1-9]\d*$/.test(text)) {
        ctx.addIssue({
            code: 'custom',
            message: `is '${text}': write a pull request number such as 42`
        });
        return NEVER;
    }
    return Number(text);
});
const token = schemas_string()
    .optional()
    .transform(value => (value === undefined || value === '' ? undefined : value));
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
        schema: optionalText().refine(value => value === undefined || VERSION_PATTERN.test(value), {
            error: 'must be a version such as v1.4.0 or 2026.05.24-1: letters, digits and . _ + / -, starting with a letter or digit, at most 100 characters'
        }),
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

;// CONCATENATED MODULE: ./src/action/settings.ts
/**
 * The action's inputs, read once into an immutable Settings value. The schema is built from the
 * input table (inputs.ts) and transforms the raw texts into the final shape, so it is the source of
 * the type, the defaults and the error messages; every bad input is reported at once, with its fix.
 */



const inputShape = Object.fromEntries(Object.entries(INPUTS).map(([key, spec]) => [key, spec.schema]));
const settingsSchema = object({
    ...inputShape,
    /** Where relative paths start: GITHUB_WORKSPACE on a runner, the cwd locally. */
    workspace: schemas_string()
})
    .strict()
    .transform(({ workspace, workingDirectory, reportPath, ...rest }, ctx) => {
    /** Absolute path of the project root (the folder holding logos/). */
    const projectRoot = external_node_path_default().resolve(workspace, workingDirectory ?? INPUTS.workingDirectory.default);
    const written = reportPath ?? INPUTS.reportPath.default;
    const relative = external_node_path_default().relative(projectRoot, external_node_path_default().resolve(projectRoot, written));
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative)) {
        ctx.addIssue({
            code: 'custom',
            path: ['reportPath'],
            message: `'${written}' leads outside the project root ${projectRoot}: give a path inside it`
        });
        return NEVER;
    }
    /** The report file, relative to the project root. */
    return Object.freeze({ ...rest, projectRoot, reportPath: relative });
});
function readSettings(read, workspace) {
    const raw = Object.fromEntries(Object.entries(INPUTS).map(([key, spec]) => [key, read(spec.name)]));
    const parsed = settingsSchema.safeParse({ ...raw, workspace });
    if (parsed.success)
        return { ok: true, settings: parsed.data };
    return {
        ok: false,
        errors: parsed.error.issues.map(issue => {
            const input = INPUTS[issue.path[0]].name;
            return { input, message: `input ${input} ${issue.message}` };
        })
    };
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(8474);
;// CONCATENATED MODULE: ./src/action/wiring.ts
/**
 * The real dependencies the action's main and post steps are built from on a runner: inputs, the
 * GitHub client and deployment record, the journal's place, and the log's output stream.
 */






/** The state entry through which the main step tells the post step where its journal is. */
const JOURNAL_STATE = 'journal';
/** The key that seals the journal (see journal.ts): in the action's state, out of any step's reach. */
const JOURNAL_KEY_STATE = 'journal-key';
/** The runner passes input `dry-run` as INPUT_DRY-RUN: upper case, hyphens kept. */
function readInput(name) {
    return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}
/** The runner's temp folder, emptied after every job; the system's outside a runner. */
function tempDirOf(env) {
    return env['RUNNER_TEMP'] || external_node_os_default().tmpdir();
}
function journalPath(tempDir, runKey) {
    return path.join(tempDir, `deploy-executor-journal-${runKey}.json`);
}
/** The API client, when this run needs one: a real run, or a comment to post. */
async function clientFor(settings, context, clock, log, signal) {
    if (settings.isDryRun && !settings.comment)
        return undefined;
    if (!settings.githubToken || !context.repository) {
        log.warning('github-token or GITHUB_REPOSITORY is empty: no GitHub API calls are possible (no approval proof, deployment record or PR comment)');
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
/** Streams step output to the log, waiting when the runner reads slower than the step writes. */
function writeStdout(chunk) {
    if (process.stdout.write(chunk))
        return undefined;
    return once(process.stdout, 'drain').then(() => undefined);
}

;// CONCATENATED MODULE: ./src/action/command-line.ts
/**
 * `deploy-executor`: the same engine outside GitHub. Without a GitHub context there is no approval
 * gate and no PR comment; a real run needs `--confirm <environment>`, typed by a person, as its
 * explicit authorization. Its options and usage text come from the action's input table.
 */


















/** Options of the command line only, beside those of the input table. */
const OWN_OPTIONS = [
    {
        option: 'confirm',
        kind: 'value',
        placeholder: '<name>',
        help: 'required for a real run: the environment name again, as authorization'
    },
    { option: 'verbose', kind: 'true', help: 'debug output' },
    { option: 'help', kind: 'true', help: 'this text' }
];
/** Inputs the command line fixes: locally there is no approval gate and no PR comment. */
const FIXED_INPUTS = {
    [INPUT.comment]: 'false',
    [INPUT.requireApproval]: 'false'
};
const INPUT_OPTIONS = Object.values(INPUTS).flatMap(spec => spec.cli ? [{ input: spec.name, ...spec.cli }] : []);
const ALL_OPTIONS = [...INPUT_OPTIONS, ...OWN_OPTIONS];
function usageLine(option) {
    const short = option.option === 'help' ? '-h, ' : '';
    const name = `${short}--${option.option}${option.placeholder ? ` ${option.placeholder}` : ''}`;
    return `  ${name.padEnd(27)}${option.help}`;
}
const USAGE = `Usage: deploy-executor [options]
       deploy-executor init [--write]   draft the plan's front matter from its prose (init --help)

Runs the deployment step of an OpenLogos proposal from the project root (the folder holding logos/).

${ALL_OPTIONS.map(usageLine).join('\n')}
`;
const PARSE_OPTIONS = Object.fromEntries(ALL_OPTIONS.map(option => [
    option.option,
    {
        type: option.kind === 'value' ? 'string' : 'boolean',
        ...(option.option === 'help' ? { short: 'h' } : {})
    }
]));
/** Returns the process exit code: 0 deployed or dry run, 1 anything else, 2 bad usage. */
async function runCli(io) {
    if (io.argv[0] === 'init')
        return runInit({ ...io, argv: io.argv.slice(1) });
    let values;
    try {
        values = (0,external_node_util_.parseArgs)({
            args: io.argv,
            options: PARSE_OPTIONS,
            allowPositionals: false,
            strict: true
        }).values;
    }
    catch (error) {
        io.err(`deploy-executor: ${error.message}\n\n${USAGE}`);
        return 2;
    }
    if (values['help']) {
        await io.out(USAGE);
        return 0;
    }
    const environment = command_line_text(values['environment']);
    const confirm = command_line_text(values['confirm']);
    if (!values['dry-run'] && confirm !== environment) {
        io.err(confirm === undefined
            ? `deploy-executor: a real deployment needs --confirm ${environment ?? '<environment>'}: type the environment name again to authorize it, or use --dry-run\n`
            : `deploy-executor: --confirm '${confirm}' does not match --environment '${environment ?? ''}': nothing was run\n`);
        return 2;
    }
    const secrets = new SecretRegistry();
    const log = terminalLog({ out: io.out, err: io.err, isVerbose: values['verbose'] === true }, secrets);
    const context = localRunContext(io.cwd);
    const inputs = inputsOf(values);
    const read = readSettings(name => inputs[name], io.cwd);
    if (!read.ok) {
        const refused = refuseInputs(read.errors, { log, clock: systemClock, context });
        await io.out(`\n${renderTerminal(refused, refused.locale, { isColour: io.isColour ?? false })}`);
        return 1;
    }
    const { settings } = read;
    const deps = {
        log,
        clock: systemClock,
        secrets,
        context,
        env: io.env,
        tempDir: tempDirOf(io.env),
        runner: bashRunner({ tempDir: tempDirOf(io.env) }),
        probe: fetchProbe,
        gate: localConfirmation(confirm, io.env['USER'] ?? external_node_os_default().userInfo().username),
        tracker: deployment_record_reportFileTracker(settings.projectRoot, settings.reportPath),
        runKey: runKeyOf(context, Date.now()),
        signal: io.signal,
        rollbackOnCancel: true
    };
    const report = await deploy(settings, deps);
    const safe = redactReport(report, secrets);
    await io.out(`\n${renderTerminal(safe, safe.locale, { isColour: io.isColour ?? false })}`);
    const changed = report.projectChanges;
    if (changed)
        await io.out(`\nFiles changed in the project (the command line commits nothing: commit them with the proposal):\n${[
            ...changed.written.map(file => `  ${file}`),
            ...changed.deleted.map(file => `  ${file} (removed)`)
        ].join('\n')}\n`);
    return isSuccessfulRun(report) ? 0 : 1;
}
/** The command line as action inputs, from the input table's options. */
function inputsOf(values) {
    const inputs = { ...FIXED_INPUTS };
    for (const option of INPUT_OPTIONS) {
        const value = values[option.option];
        if (option.kind === 'value') {
            if (typeof value === 'string')
                inputs[option.input] = value;
        }
        else {
            // A flag given sets its value; absent, the input takes the other one.
            const isSet = value === true;
            inputs[option.input] = String(option.kind === 'true' ? isSet : !isSet);
        }
    }
    return inputs;
}
function command_line_text(value) {
    return typeof value === 'string' ? value : undefined;
}


/***/ }),

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_events__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _action_command_line_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5401);
/** The `deploy-executor` command's entry point: only starts the program. */


const cancellation = new AbortController();
process.on('SIGINT', () => {
    if (cancellation.signal.aborted)
        process.exit(130);
    process.stderr.write('\nCancelling: stopping the running step, then rolling back (Ctrl-C again to quit at once)\n');
    cancellation.abort();
});
process.exitCode = await (0,_action_command_line_js__WEBPACK_IMPORTED_MODULE_1__/* .runCli */ .a)({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    out: text => process.stdout.write(text) ? undefined : (0,node_events__WEBPACK_IMPORTED_MODULE_0__.once)(process.stdout, 'drain').then(() => undefined),
    err: text => process.stderr.write(text),
    signal: cancellation.signal,
    isColour: process.stdout.isTTY && !process.env['NO_COLOR']
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
