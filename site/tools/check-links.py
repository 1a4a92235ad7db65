# Checks every local link (file and #anchor) of a staged site: python3 site/tools/check-links.py target/staging
import os, re, sys, urllib.parse
root = os.path.abspath(sys.argv[1])
broken = []
ids = {}
def ids_of(path):
    if path not in ids:
        html = open(path, encoding='utf-8', errors='replace').read()
        ids[path] = set(re.findall(r'(?:id|name)="([^"]+)"', html))
    return ids[path]
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith('.html'):
            continue
        path = os.path.join(dirpath, f)
        html = open(path, encoding='utf-8', errors='replace').read()
        for m in re.finditer(r'(?:href|src)="([^"]+)"', html):
            link = m.group(1)
            if re.match(r'^[a-z]+:', link) or link.startswith('//'):
                continue
            target, _, anchor = link.partition('#')
            target = urllib.parse.unquote(target.split('?')[0])
            full = os.path.normpath(os.path.join(dirpath, target)) if target else path
            if not full.startswith(os.path.abspath(root) + os.sep) and full != os.path.abspath(root):
                broken.append((os.path.relpath(path, root), link, 'outside the staged site'))
            elif not os.path.exists(full):
                broken.append((os.path.relpath(path, root), link, 'no such file'))
            elif anchor and full.endswith('.html') and urllib.parse.unquote(anchor) not in ids_of(full):
                broken.append((os.path.relpath(path, root), link, 'no such anchor'))
for b in broken:
    print(*b)
print(len(broken), 'broken local links')
sys.exit(1 if broken else 0)
