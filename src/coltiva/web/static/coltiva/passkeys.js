// After a passkey is added on the two-factor page, show it in the list (the library's
// script only says "Registration successful!").
document.addEventListener("otp_webauthn.register_complete", () => {
  window.setTimeout(() => window.location.reload(), 600);
});
