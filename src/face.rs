//! The other person's face as numbers a drawing can use: brows, eyes, mouth and colour
//! follow their mood (agitation and trust) and, where the scenario says so, a feeling
//! (sad, afraid, embarrassed). Pure, so how the face moves is tested natively.

use crate::engine::Event;
use crate::scenario::Feeling;

/// A face on a 64 × 64 grid (y grows downwards). Brows are lines from an outer to an
/// inner end; the mouth is a curve between two corners at `mouth_corners`, through
/// `mouth_middle` (below the corners: a smile), open by `mouth_open`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    /// Heights of each brow's inner end (towards the nose) and outer end.
    pub brow_inner: f64,
    pub brow_outer: f64,
    /// Eye radius: wider when afraid.
    pub eye: f64,
    /// How far the eyes look down: when sad or embarrassed.
    pub look_down: f64,
    pub mouth_corners: f64,
    pub mouth_middle: f64,
    /// Height of an open mouth (0: closed).
    pub mouth_open: f64,
    /// Red of agitation over the whole face, 0 to 1.
    pub flush: f64,
    /// Pink of embarrassment on the cheeks, 0 to 1.
    pub blush: f64,
}

/// Their face at this mood, showing `feeling` if there is one.
pub fn face(agitation: i32, trust: i32, feeling: Option<Feeling>) -> Face {
    let a = f64::from(agitation.clamp(0, 100)) / 100.0;
    let t = f64::from(trust.clamp(0, 100)) / 100.0;
    // Warmth from -1 (upset, distrustful) to 1 (calm, trusting).
    let warmth = t - a;
    let mood = Face {
        // Agitation draws the inner ends down into a frown.
        brow_inner: 20.0 + 8.0 * a,
        brow_outer: 21.0 - 2.0 * a,
        eye: 2.6,
        look_down: 0.0,
        mouth_corners: 44.0,
        mouth_middle: 44.0 + 18.0 * warmth,
        mouth_open: 0.0,
        flush: 0.4 * a,
        blush: 0.0,
    };
    match feeling {
        None => mood,
        // Sadness lifts the inner brows, turns the mouth down and the eyes away; trust
        // softens the mouth, agitation hardly shows.
        Some(Feeling::Sad) => Face {
            brow_inner: 16.0,
            brow_outer: 22.0,
            look_down: 2.0,
            mouth_middle: 40.0 + 5.0 * t,
            flush: 0.1 * a,
            ..mood
        },
        // Fear raises both brows and widens the eyes; the mouth falls open.
        Some(Feeling::Afraid) => Face {
            brow_inner: 15.0,
            brow_outer: 16.0,
            eye: 3.6,
            mouth_middle: 44.0 + 6.0 * warmth,
            mouth_open: 5.0 - 3.0 * t,
            ..mood
        },
        // Embarrassment looks down, blushes, and smiles a little despite itself.
        Some(Feeling::Embarrassed) => Face {
            brow_inner: 19.0,
            brow_outer: 20.0,
            look_down: 2.5,
            mouth_middle: 46.0,
            blush: 0.7,
            flush: 0.0,
            ..mood
        },
    }
}

/// How the last reply landed, for a moment's visible movement of the face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landing {
    /// It settled them or built trust.
    Warmer,
    /// It stirred them up or cost trust.
    Colder,
}

/// How the last action moved their mood, if it did.
pub fn landing(events: &[Event]) -> Option<Landing> {
    events.iter().rev().find_map(|e| match *e {
        Event::MoodMoved { agitation, trust } if trust - agitation > 0 => Some(Landing::Warmer),
        Event::MoodMoved { agitation, trust } if trust - agitation < 0 => Some(Landing::Colder),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mood_spans_a_scowl_to_a_smile() {
        let furious = face(100, 0, None);
        let content = face(0, 100, None);
        assert!(
            furious.mouth_middle < furious.mouth_corners - 15.0,
            "{furious:?}"
        );
        assert!(
            content.mouth_middle > content.mouth_corners + 15.0,
            "{content:?}"
        );
        // Frowning brows slope down to the nose; relaxed ones do not.
        assert!(furious.brow_inner > furious.brow_outer);
        assert!(content.brow_inner <= content.brow_outer);
        assert!(furious.flush > content.flush);
    }

    #[test]
    fn a_grieving_face_is_not_an_angry_one_and_fear_and_embarrassment_show() {
        let angry = face(70, 30, None);
        let sad = face(70, 30, Some(Feeling::Sad));
        // Sadness lifts the inner brows where anger lowers them.
        assert!(sad.brow_inner < sad.brow_outer && angry.brow_inner > angry.brow_outer);
        assert!(sad.look_down > 0.0 && sad.flush < angry.flush);
        let afraid = face(50, 50, Some(Feeling::Afraid));
        assert!(afraid.eye > angry.eye && afraid.mouth_open > 0.0);
        let embarrassed = face(50, 50, Some(Feeling::Embarrassed));
        assert!(embarrassed.blush > 0.0 && embarrassed.look_down > 0.0);
    }

    #[test]
    fn the_last_mood_change_says_how_a_reply_landed() {
        let moved = |agitation, trust| Event::MoodMoved { agitation, trust };
        assert_eq!(landing(&[moved(-8, 10)]), Some(Landing::Warmer));
        assert_eq!(landing(&[moved(12, -6)]), Some(Landing::Colder));
        assert_eq!(landing(&[Event::RepliesOpened]), None);
        assert_eq!(landing(&[moved(0, 0)]), None);
    }
}
