"use strict";
exports.id = 797;
exports.ids = [797];
exports.modules = {

/***/ 6797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseWithPositions: () => (/* binding */ parseWithPositions)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/**
 * The careful YAML path: the `yaml` library's document, with source positions for error lines and
 * a bound on alias expansion. Loaded on demand: a valid plan without anchors never needs it.
 */

/** The tags of the YAML 1.2 core schema: a plan needs no other. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map(name => `tag:yaml.org,2002:${name}`));
/**
 * gray-matter hands over the text after the opening `---`, starting with the rest of line 1, so
 * line numbers in it are already line numbers of the file.
 */
function parseWithPositions(source) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(source, {
        lineCounter,
        uniqueKeys: true,
        prettyErrors: false,
        schema: 'core'
    });
    const lineOf = (offset) => lineCounter.linePos(offset).line;
    if (document.errors.length > 0) {
        return {
            kind: 'invalid',
            issues: document.errors.map(error => ({
                message: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '',
                line: lineOf(error.pos[0])
            }))
        };
    }
    // A tag the YAML core schema does not define would be dropped and its text taken as a plain
    // value: `!!js/function "rm -rf /"` must never become a command. Every such tag is an error.
    const tagged = [];
    (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(document, {
        Node: (_, node) => {
            if (node.tag !== undefined && !CORE_TAGS.has(node.tag))
                tagged.push({
                    message: `the YAML tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not one of the core schema's (str, int, float, bool, null, map, seq): remove it`,
                    ...(node.range ? { line: lineOf(node.range[0]) } : {})
                });
        }
    });
    if (tagged.length > 0)
        return { kind: 'invalid', issues: tagged };
    let data;
    try {
        data = document.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        return { kind: 'invalid', issues: [{ message: error.message }] };
    }
    return { kind: 'parsed', data, locate: path => Promise.resolve(locate(document, path, lineOf)) };
}
/** The line of the node at `path`, or of its nearest ancestor that exists; a key's own line when the path ends at a key. */
function locate(document, path, lineOf) {
    for (let depth = path.length; depth >= 0; depth--) {
        const prefix = path.slice(0, depth).map(key => (typeof key === 'symbol' ? String(key) : key));
        const parent = depth > 0 ? document.getIn(prefix.slice(0, -1), true) : undefined;
        const last = prefix[prefix.length - 1];
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(parent) && typeof last === 'string') {
            const pair = parent.items.find(item => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll)(item.key) && String(item.key.toJSON()) === last);
            if (pair && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll)(pair.key) && pair.key.range)
                return lineOf(pair.key.range[0]);
        }
        const node = document.getIn(prefix, true);
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll)(node) && node.range)
            return lineOf(node.range[0]);
    }
    return undefined;
}


/***/ })

};
;