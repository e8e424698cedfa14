#!/usr/bin/env python3
"""Homeport's Python wheels, written with the standard library alone (a wheel is a zip file whose
RECORD lists each member's SHA-256), and the one reader of Homeport's version.

  scripts/homeport_wheel.py version                  the version `homeport --version` prints
  scripts/homeport_wheel.py platform-tag BINARY      the manylinux tag BINARY qualifies for
  scripts/homeport_wheel.py wheel BINARY OUT-DIR     the `homeport` wheel: BINARY as a script on PATH

It is also the PEP 517 build backend of pyproject.toml at the repository root, which exists for
pre-commit alone: a `language: python` hook runs `pip install .` in this repository before its
additional_dependencies, and that builds `homeport-pre-commit`, an empty package that requires
`homeport` of the same version. It needs nothing from an index, so the hook installs offline from a
wheel folder (PIP_FIND_LINKS, PIP_NO_INDEX).
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = 'homeport'
SUMMARY = ('Find OpenAI dependencies in Swift, Python, C and C++ code (SDK imports, API hosts, model IDs, '
           'OPENAI_* variables, keys) and the domestic provider to use instead.')
URL = 'https://github.com/homeport-lint/homeport'
PROJECT_URLS = [('Homepage', URL), ('Source', URL), ('Issues', URL + '/issues'),
                ('Changelog', URL + '/blob/main/CHANGELOG.md')]
CLASSIFIERS = [
    'Development Status :: 4 - Beta',
    'Environment :: Console',
    'Intended Audience :: Developers',
    'Operating System :: POSIX :: Linux',
    'Programming Language :: C',
    'Programming Language :: C++',
    'Programming Language :: Python',
    'Programming Language :: Swift',
    'Topic :: Software Development :: Quality Assurance',
]
# SPDX identifier and classifier for the licence texts Homeport may carry, by their first line.
LICENSES = {'MIT License': ('MIT', 'License :: OSI Approved :: MIT License'),
            'Apache License': ('Apache-2.0', 'License :: OSI Approved :: Apache Software License')}
# What a manylinux wheel may link (auditwheel's policy, the same for every manylinux_2_X on x86_64):
# the C library's parts, the dynamic loader, and GCC's runtime library.
ALLOWED_LIBRARIES = {'libc.so.6', 'libm.so.6', 'libdl.so.2', 'librt.so.1', 'libpthread.so.0', 'libutil.so.1',
                     'libresolv.so.2', 'libnsl.so.1', 'libgcc_s.so.1', 'ld-linux-x86-64.so.2'}
# (libstdc++.so.6 is allowed too, up to a GLIBCXX version per policy; Package.swift links GCC's
# static libstdc++ instead, so a shared one means that failed, and is refused here.)


def version():
    """The version in Sources/HomeportCore/Report/ToolInfo.swift, the only place it is written."""
    path = os.path.join(ROOT, 'Sources', 'HomeportCore', 'Report', 'ToolInfo.swift')
    match = re.search(r'static let version = "([0-9]+\.[0-9]+\.[0-9]+)"', open(path).read())
    if not match:
        raise SystemExit('homeport_wheel: no `static let version = "X.Y.Z"` in ' + path)
    return match.group(1)


def license_info():
    """(SPDX id, classifier, path) of the repository's LICENSE, or None when there is none."""
    path = os.path.join(ROOT, 'LICENSE')
    if not os.path.exists(path):
        return None
    first = open(path).readline().strip()
    for prefix, (spdx, classifier) in LICENSES.items():
        if first.startswith(prefix):
            return spdx, classifier, path
    raise SystemExit('homeport_wheel: LICENSE begins %r, which this script does not know' % first)


# ---------------------------------------------------------------------------------------------
# What the binary needs, as auditwheel reads it.

def needed_libraries(binary):
    dynamic = subprocess.run(['readelf', '--dynamic', '--wide', binary], capture_output=True, text=True,
                             check=True).stdout
    return re.findall(r'\(NEEDED\)\s+Shared library: \[([^\]]+)\]', dynamic)


def symbol_versions(binary):
    """Every version the binary requires of a shared library, e.g. {'GLIBC': {(2, 34), …}}."""
    text = subprocess.run(['readelf', '--version-info', '--wide', binary], capture_output=True, text=True,
                          check=True).stdout
    found = {}
    for family, number in re.findall(r'Name: ([A-Z_]+)_([0-9][0-9.]*)\s', text):
        found.setdefault(family, set()).add(tuple(int(part) for part in number.split('.')))
    return found


def platform_tag(binary):
    """manylinux_2_X_x86_64 with X the newest glibc symbol version BINARY requires (at least 17), after
    checking it links only what every manylinux system has, and no Foundation."""
    libraries = needed_libraries(binary)
    foreign = [library for library in libraries if library not in ALLOWED_LIBRARIES]
    if foreign:
        raise SystemExit('homeport_wheel: %s needs %s, which a manylinux system may lack'
                         % (binary, ', '.join(foreign)))
    if any('Foundation' in library for library in libraries):
        raise SystemExit('homeport_wheel: %s links Foundation' % binary)
    versions = symbol_versions(binary)
    glibc = max(versions.get('GLIBC', {(2, 17)}) | {(2, 17)})
    if glibc[0] != 2:
        raise SystemExit('homeport_wheel: unexpected glibc version %s' % '.'.join(map(str, glibc)))
    return 'manylinux_%d_%d_x86_64' % glibc


# ---------------------------------------------------------------------------------------------
# Writing a wheel.

def record_hash(data):
    return 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()


def timestamp():
    """The zip members' time: SOURCE_DATE_EPOCH (the commit's time in scripts/package.sh), so the
    same commit gives the same bytes."""
    epoch = int(os.environ.get('SOURCE_DATE_EPOCH', '315532800'))
    import time
    return time.gmtime(max(epoch, 315532800))[:6]


def write_wheel(out_dir, name, version_text, tag, metadata, files):
    """files: (path in the wheel, bytes, executable) — METADATA, WHEEL and RECORD are added."""
    distribution = re.sub(r'[-_.]+', '_', name).lower()
    info = '%s-%s.dist-info' % (distribution, version_text)
    wheel_text = 'Wheel-Version: 1.0\nGenerator: homeport_wheel.py\nRoot-Is-Purelib: %s\nTag: %s\n' % (
        'true' if tag == 'py3-none-any' else 'false', tag)
    members = list(files) + [(info + '/METADATA', metadata.encode(), False),
                             (info + '/WHEEL', wheel_text.encode(), False)]
    record = ''.join('%s,%s,%d\n' % (path, record_hash(data), len(data)) for path, data, _ in members)
    record += info + '/RECORD,,\n'
    members.append((info + '/RECORD', record.encode(), False))
    os.makedirs(out_dir, exist_ok=True)
    wheel_name = '%s-%s-%s.whl' % (distribution, version_text, tag)
    when = timestamp()
    with zipfile.ZipFile(os.path.join(out_dir, wheel_name), 'w', zipfile.ZIP_DEFLATED) as archive:
        for path, data, executable in members:
            entry = zipfile.ZipInfo(path, date_time=when)
            entry.external_attr = (0o100755 if executable else 0o100644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data, compresslevel=9)
    return wheel_name


def metadata(name, version_text, summary, extra_lines=(), description=None):
    lines = ['Metadata-Version: 2.1', 'Name: ' + name, 'Version: ' + version_text, 'Summary: ' + summary]
    lines += ['Project-URL: %s, %s' % pair for pair in PROJECT_URLS]
    licence = license_info()
    if licence:
        lines += ['License: ' + licence[0], 'Classifier: ' + licence[1]]
    lines += ['Classifier: ' + classifier for classifier in CLASSIFIERS]
    lines += list(extra_lines)
    if description is not None:
        lines.append('Description-Content-Type: text/markdown')
        return '\n'.join(lines) + '\n\n' + description
    return '\n'.join(lines) + '\n'


def homeport_wheel(binary, out_dir):
    """The `homeport` wheel: the binary in <name>.data/scripts (pip puts it on PATH, executable)."""
    version_text = version()
    tag = 'py3-none-' + platform_tag(binary)
    readme = open(os.path.join(ROOT, 'README.md')).read()
    files = [('%s-%s.data/scripts/homeport' % (NAME, version_text), open(binary, 'rb').read(), True)]
    licence = license_info()
    extra = []
    if licence:
        info = '%s-%s.dist-info' % (NAME, version_text)
        files.append((info + '/licenses/LICENSE', open(licence[2], 'rb').read(), False))
        extra.append('License-File: LICENSE')
    text = metadata(NAME, version_text, SUMMARY, ['Requires-Python: >=3.7'] + extra, readme)
    return write_wheel(out_dir, NAME, version_text, tag, text, files)


# ---------------------------------------------------------------------------------------------
# PEP 517 hooks (pyproject.toml): the placeholder pre-commit installs with `pip install .`.

PLACEHOLDER = 'homeport-pre-commit'


def placeholder_metadata():
    return metadata(PLACEHOLDER, version(), 'Installs homeport for the pre-commit hooks of this repository.',
                    ['Requires-Dist: %s==%s' % (NAME, version())])


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = '%s-%s.dist-info' % (PLACEHOLDER.replace('-', '_'), version())
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, 'METADATA'), 'w') as f:
        f.write(placeholder_metadata())
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return write_wheel(wheel_directory, PLACEHOLDER, version(), 'py3-none-any', placeholder_metadata(), [])


def main(arguments):
    if arguments == ['version']:
        print(version())
    elif len(arguments) == 2 and arguments[0] == 'platform-tag':
        print(platform_tag(arguments[1]))
    elif len(arguments) == 3 and arguments[0] == 'wheel':
        print(homeport_wheel(arguments[1], arguments[2]))
    else:
        sys.exit(__doc__.strip().split('\n\n')[1])


if __name__ == '__main__':
    main(sys.argv[1:])
