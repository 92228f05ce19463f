package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
)

// contentSecurityPolicy allows the page its own scripts, styles and
// images and nothing from anywhere else; no frames, no forms posted
// elsewhere, no plug-ins.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders are set on every response, refusals included.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// guard lets a request through only with the process's token: as the
// token query parameter (the printed address) or as the cookie set the
// first time. A GET with the token in its address is sent on to the same
// address without it, so the token does not stay in the address bar or
// the history. It also bounds every request body: uploads at MaxUpload,
// anything else at maxFormBody.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w.Header())
		fromQuery := r.URL.Query().Get("token")
		okCookie := false
		if c, err := r.Cookie(s.cookie); err == nil {
			okCookie = s.tokenMatches(c.Value)
		}
		okQuery := fromQuery != "" && s.tokenMatches(fromQuery)
		if !okCookie && !okQuery {
			s.refuse(w, r)
			return
		}
		if okQuery {
			http.SetCookie(w, &http.Cookie{Name: s.cookie, Value: s.token, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode})
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				u := *r.URL
				q := u.Query()
				q.Del("token")
				u.RawQuery = q.Encode()
				u.Scheme, u.Host, u.User = "", "", nil
				if strings.HasPrefix(u.Path, "//") || strings.HasPrefix(u.Path, `/\`) {
					u.Path, u.RawPath = "/", "" // never "//host": another site
				}
				http.Redirect(w, r, u.String(), http.StatusSeeOther)
				return
			}
		}
		limit := int64(maxFormBody)
		if r.URL.Path == "/screen" {
			limit = s.opt.MaxUpload
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) tokenMatches(v string) bool {
	return subtle.ConstantTimeCompare([]byte(v), []byte(s.token)) == 1
}

// refuse answers a request without the token. It says what to do and
// nothing about the page.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request) {
	s.log.Warn().Str("method", r.Method).Msg("request without the token refused")
	s.render(w, http.StatusForbidden, "refused.html", page{Title: "Open casescreen from its address"})
}

// recoverer turns a panic in a handler into a plain error page; the log
// gets the route, never the request's content.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error().Str("route", routeOf(r)).Msg("handler failed")
				http.Error(w, "casescreen failed to answer this request; the log says where.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// routeOf names a request's route for the log: its first path segment.
func routeOf(r *http.Request) string {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		p = p[:i]
	}
	return "/" + url.PathEscape(p)
}
