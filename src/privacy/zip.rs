//! A minimal ZIP writer: files stored uncompressed, which every unzip tool
//! reads. A data export is a few files of text; no compression crate needed.

/// A ZIP archive of `files` (name, bytes), stored without compression.
pub fn stored(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = len32(out.len());
        let crc = crc32fast::hash(data);
        let size = len32(data.len());
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
        out.extend_from_slice(&0u16.to_le_bytes()); // stored
        out.extend_from_slice(&0u32.to_le_bytes()); // time and date
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its entry in the central directory.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&20u16.to_le_bytes()); // needed
        central.extend_from_slice(&0x0800u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = len32(out.len());
    let count = u16::try_from(files.len()).unwrap_or(u16::MAX);
    let central_len = len32(central.len());
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The files of an archive written by [`stored`] (for tests and checks);
/// `None` if it is not one.
pub fn read_stored(archive: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let u16_at = |i: usize| -> Option<usize> {
        let b = archive.get(i..i + 2)?;
        Some(u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |i: usize| -> Option<usize> {
        let b = archive.get(i..i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let mut files = Vec::new();
    let mut at = 0;
    while u32_at(at) == Some(0x0403_4b50) {
        let size = u32_at(at + 18)?;
        let name_len = u16_at(at + 26)?;
        let extra = u16_at(at + 28)?;
        let name_start = at + 30;
        let data_start = name_start + name_len + extra;
        let name = String::from_utf8_lossy(archive.get(name_start..name_start + name_len)?);
        files.push((
            name.to_string(),
            archive.get(data_start..data_start + size)?.to_vec(),
        ));
        at = data_start + size;
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_written() {
        let archive = stored(&[("a.json", b"{\"x\":1}"), ("b.html", "<p>å</p>".as_bytes())]);
        let files = read_stored(&archive).expect("an archive");
        assert_eq!(files.len(), 2);
        assert_eq!(files[0], ("a.json".to_string(), b"{\"x\":1}".to_vec()));
        assert_eq!(files[1].1, "<p>å</p>".as_bytes());
        // The end-of-directory record closes the archive.
        assert_eq!(
            &archive[archive.len() - 22..archive.len() - 18],
            &[0x50, 0x4b, 0x05, 0x06]
        );
    }
}
