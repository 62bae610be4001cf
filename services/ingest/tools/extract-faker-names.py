# Extracts single-token given names and surnames (lower case, NFC) from the name sections of datafaker's
# locale YAML files; run in a folder holding the unzipped *.yml of net.datafaker:datafaker (see deid/SOURCE.md).
import glob, re, sys, unicodedata, yaml
first, last = set(), set()
def walk(node, key, out):
    if isinstance(node, dict):
        for k, v in node.items():
            walk(v, k, out)
    elif isinstance(node, list) and key is not None:
        kind = 'first' if re.search(r'first_name|given', key) else 'last' if re.search(r'last_name|surname', key) else None
        if kind:
            for v in node:
                if isinstance(v, str) and '#{' not in v:
                    for tok in re.split(r"[\s\-]+", unicodedata.normalize('NFC', v)):
                        tok = tok.strip(".,'’")
                        if len(tok) >= 2 and all(c.isalpha() or c in "'’" for c in tok):
                            (first if kind == 'first' else last).add(tok.lower())
for f in sorted(glob.glob('*.yml') + glob.glob('*/name.yml')):
    try:
        doc = yaml.safe_load(open(f, encoding='utf-8'))
    except Exception as e:
        print('skip', f, e, file=sys.stderr); continue
    # only the name section of each locale
    def names(d):
        if isinstance(d, dict):
            for k, v in d.items():
                if k == 'name': yield v
                else: yield from names(v)
    for n in names(doc):
        walk(n, None, None)
open(sys.argv[1], 'w').write('\n'.join(sorted(first)) + '\n')
open(sys.argv[2], 'w').write('\n'.join(sorted(last)) + '\n')
print(len(first), len(last))
