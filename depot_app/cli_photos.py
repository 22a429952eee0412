"""``depot-app photos ...``: the photo store from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from depot_app.config import AppConfig
from depot_app.domain.errors import ConfigurationError


def add_photo_parsers(sub: Any) -> None:
    photos = sub.add_parser("photos", help="the photo store of the depot")
    what = photos.add_subparsers(dest="photos_command", metavar="ACTION", required=True)
    move = what.add_parser("move-to-database", help="PostgreSQL depot: move this desk's photo files into the "
                           "database (verified; run again after an interruption)")
    move.add_argument("--delete-files", action="store_true",
                      help="delete each file once its copy in the database is read back intact")


def cmd_photos(args: argparse.Namespace, config: AppConfig, *, open_services: Any) -> int:
    from depot_app.services.photo_blobs import BlobPhotoStore, move_files_to_database

    if config.is_sqlite:
        raise ConfigurationError(
            "This depot's database is SQLite: its photos stay as files in the data folder.",
            "本网点使用 SQLite 数据库：照片以文件形式保存在数据文件夹中，无需移入数据库。")
    services = open_services(config)
    try:
        store = services.photos.store
        assert isinstance(store, BlobPhotoStore)

        def progress(done: int, total: int) -> None:
            if done == total or done % 100 == 0:
                print(f"  {done}/{total}", file=sys.stderr)

        result = move_files_to_database(store, config.photo_dir, delete_files=args.delete_files,
                                        progress=progress)
    finally:
        services.close()
    for line in result.lines(args.lang or "en"):
        print(line)
    return 1 if result.altered else 0
