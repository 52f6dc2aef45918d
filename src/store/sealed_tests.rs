use super::*;

const MAGIC: &[u8; 16] = b"bedstretch-test\n";

#[test]
fn a_sealed_body_opens_and_nothing_cut_garbled_or_of_another_version_does() {
    let body = b"nights kept, and when";
    let bytes = seal(MAGIC, 3, body);
    assert_eq!(open(MAGIC, 3, &bytes), Some(&body[..]));
    assert_eq!(open(MAGIC, 4, &bytes), None, "another version");
    assert_eq!(open(b"bedstretch-othr\n", 3, &bytes), None, "another file");
    for cut in 0..bytes.len() {
        assert_eq!(open(MAGIC, 3, &bytes[..cut]), None, "cut at {cut}");
    }
    for at in 0..bytes.len() {
        let mut garbled = bytes.clone();
        garbled[at] ^= 0x20;
        assert_eq!(open(MAGIC, 3, &garbled), None, "byte {at} changed");
    }
    assert_eq!(open(MAGIC, 3, &vec![0; bytes.len()]), None, "zeros");
}
