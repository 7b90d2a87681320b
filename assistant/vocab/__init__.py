"""One vocabulary of Vietnamese administrative text, shared by ingest, answering and verification.

The conventions come from how Vietnamese administrative documents are written (Nghị định
30/2020/NĐ-CP for state bodies, Hướng dẫn 36-HD/VPTW for Party bodies), never from one document:

- `numbering`  heading numbers: Phần / Chương / Mục / Điều, A., I., 1., 1.1., a), bullets
- `docnum`     document numbers ("57-NQ/TW", "308/KH-UBND", "Số      -KH/TU") and the kind they name
- `parts`      the parts of a document: kinds, mottos, preamble, decision formula, boilerplate sections
- `signature`  signature blocks: TM./KT./TL./Q., titles, the signer's name
- `dates`      dates, quarters, months, years, periods and recurrences as written and normalized
- `units`      unit names, their abbreviations and a comparison key
- `fields`     the fields of a task (nhiệm vụ, chủ trì, phối hợp, thời hạn, sản phẩm …) in tables and lines
"""
